package dev.astraphe.testsupport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;

/**
 * Notes that a Spring Boot application has started in this JVM (registered in {@code META-INF/spring.factories}).
 * Spring Boot's own shutdown hook, which runs {@link TestServices}' stops after the application contexts have closed,
 * exists only in a JVM where an application has run; in one where none has (the local stack's end-to-end tests run
 * the apps as processes of their own), {@link TestServices} stops the services from a JVM hook of its own instead.
 */
public final class SpringApplicationSeen implements SpringApplicationRunListener {

    private static volatile boolean started;

    public SpringApplicationSeen(SpringApplication application, String[] args) {
    }

    @Override
    public void starting(ConfigurableBootstrapContext bootstrapContext) {
        started = true;
    }

    static boolean started() {
        return started;
    }
}
