package dev.astraphe.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A single-node KRaft broker (combined broker + controller) in its own JVM, from this launcher's classpath. */
final class KafkaComponent {

    private static final List<String> JVM_OPTIONS =
            List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private KafkaComponent() {
    }

    static ForkedProcess start(Path dir, Path log, int port, int controllerPort) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, serverProperties(data, port, controllerPort));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, log4jProperties());

        List<String> base = new ArrayList<>();
        base.add(ForkedProcess.java());
        base.addAll(JVM_OPTIONS);
        base.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
        base.add("-cp");
        base.add(System.getProperty("java.class.path"));

        if (!Files.exists(data.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(base);
            format.addAll(List.of("kafka.tools.StorageTool", "format",
                    "--cluster-id=" + clusterId(), "-c", properties.toAbsolutePath().toString()));
            int code = ForkedProcess.run(format, dir, log, Duration.ofSeconds(120));
            if (code != 0) {
                throw new IOException("formatting Kafka storage failed (exit " + code + "), see " + log);
            }
        }
        List<String> run = new ArrayList<>(base);
        run.addAll(List.of("kafka.Kafka", properties.toAbsolutePath().toString()));
        return ForkedProcess.start("Kafka", run, Map.of(), dir, log, Duration.ofSeconds(30));
    }

    /** A random cluster id in Kafka's format (22 chars of URL-safe base64; it may start with '-'). */
    static String clusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    static String serverProperties(Path data, int port, int controllerPort) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, data.toAbsolutePath());
    }

    private static String log4jProperties() {
        return """
                status = warn
                appender.console.type = Console
                appender.console.name = STDOUT
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = INFO
                rootLogger.appenderRef.stdout.ref = STDOUT
                logger.kafka.name = kafka
                logger.kafka.level = WARN
                logger.apache.name = org.apache.kafka
                logger.apache.level = WARN
                """;
    }
}
