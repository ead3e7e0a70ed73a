package dev.astraphe.stack;

import java.util.List;

/** One of the four Spring Boot apps: its module (and fat jar), ports and extra arguments. */
record AppSpec(String module, String portKey, String managementPortKey, List<String> args) {

    static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** The worker has no public port: its only listener is the management one. */
    boolean hasPublicPort() {
        return portKey != null;
    }
}
