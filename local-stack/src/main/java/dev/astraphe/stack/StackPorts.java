package dev.astraphe.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
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

    static final Map<String, String[]> DEFAULTS = defaults();

    private static Map<String, String[]> defaults() {
        Map<String, String[]> d = new LinkedHashMap<>();
        d.put("postgres", new String[] {"PostgreSQL", "15432"});
        d.put("redis", new String[] {"Redis", "16379"});
        d.put("kafka", new String[] {"Kafka broker", "19092"});
        d.put("kafka-controller", new String[] {"Kafka controller", "19093"});
        d.put("s3", new String[] {"S3 (s3mock http)", "19090"});
        d.put("s3-https", new String[] {"S3 (s3mock https)", "19191"});
        d.put("storefront", new String[] {"web-storefront", "8080"});
        d.put("queue", new String[] {"queue-edge", "8081"});
        d.put("console", new String[] {"seller-console", "8082"});
        d.put("storefront-mgmt", new String[] {"web-storefront management", "9080"});
        d.put("queue-mgmt", new String[] {"queue-edge management", "9081"});
        d.put("console-mgmt", new String[] {"seller-console management", "9082"});
        d.put("worker-mgmt", new String[] {"order-worker management", "9083"});
        return d;
    }

    static StackPorts fromEnvironment() {
        return resolve(System.getenv()::get, System::getProperty);
    }

    static StackPorts resolve(Function<String, String> env, Function<String, String> props) {
        Map<String, Port> ports = new LinkedHashMap<>();
        DEFAULTS.forEach((key, def) -> {
            Port port = new Port(key, def[0], Integer.parseInt(def[1]));
            String override = props.apply("astraphe.port." + key);
            if (override == null || override.isBlank()) {
                override = env.apply(port.envName());
            }
            if (override != null && !override.isBlank()) {
                try {
                    port = new Port(key, def[0], Integer.parseInt(override.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(port.envName() + " is not a port number: " + override);
                }
            }
            ports.put(key, port);
        });
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
