package dev.astraphe.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The fixed ports of the local stack. Each one can be moved with an environment variable
 * {@code ASTRAPHE_PORT_<KEY>} or a system property {@code astraphe.port.<key>} (the property wins),
 * where KEY is one of the keys below, e.g. {@code ASTRAPHE_PORT_STOREFRONT=18080} or
 * {@code -Dastraphe.port.kafka-controller=29093}.
 */
record StackPorts(Map<String, Port> byKey) {

    /** One port, the component that listens on it, and the key that overrides it. */
    record Port(String key, String component, int number) {
        String envName() {
            return "ASTRAPHE_PORT_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    static final List<Port> DEFAULTS = List.of(
            new Port("postgres", "PostgreSQL", 15432),
            new Port("redis", "Redis", 16379),
            new Port("kafka", "Kafka broker", 19092),
            new Port("kafka-controller", "Kafka controller", 19093),
            new Port("s3", "S3 (s3mock http)", 19090),
            new Port("s3-https", "S3 (s3mock https)", 19191),
            new Port("storefront", "web-storefront", 8080),
            new Port("queue", "queue-edge", 8081),
            new Port("console", "seller-console", 8082),
            new Port("storefront-mgmt", "web-storefront management", 9080),
            new Port("queue-mgmt", "queue-edge management", 9081),
            new Port("console-mgmt", "seller-console management", 9082),
            new Port("worker-mgmt", "order-worker management", 9083));

    static StackPorts fromEnvironment() {
        return resolve(System.getenv()::get, System::getProperty);
    }

    static StackPorts resolve(Function<String, String> env, Function<String, String> props) {
        Map<String, Port> ports = new LinkedHashMap<>();
        for (Port defaults : DEFAULTS) {
            Port port = defaults;
            String override = props.apply("astraphe.port." + port.key());
            if (override == null || override.isBlank()) {
                override = env.apply(port.envName());
            }
            if (override != null && !override.isBlank()) {
                try {
                    port = new Port(port.key(), port.component(), Integer.parseInt(override.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(port.envName() + " is not a port number: " + override);
                }
            }
            ports.put(port.key(), port);
        }
        return new StackPorts(Collections.unmodifiableMap(ports));
    }

    int get(String key) {
        Port port = byKey.get(key);
        if (port == null) {
            throw new IllegalArgumentException("unknown port key " + key);
        }
        return port.number();
    }

    Iterable<Port> all() {
        return byKey.values();
    }
}
