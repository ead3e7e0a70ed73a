package dev.astraphe.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Spring logs through Commons Logging, often as {@code logger.debug(LogMessage.format(...))} without asking first
 * whether debug is on. Commons Logging 1.3's own SLF4J adapter turns every such message into a string before
 * SLF4J drops it: on a queue-edge join that was 5% of the CPU (Spring Security formatting the whole security
 * context and session for a debug line nobody reads). shared's {@code META-INF/services} entry picks Commons
 * Logging's Log4j API adapter instead, which asks first; Log4j API then hands enabled messages to SLF4J.
 */
class DisabledDebugMessagesTest {

    private static final String NAME = "astraphe.test.debug-messages";

    @Test
    void aDebugMessageIsFormattedOnlyWhenDebugIsOn() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(NAME);
        AtomicInteger formatted = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                formatted.incrementAndGet();
                return "expensive";
            }
        };
        Log log = LogFactory.getLog(NAME);

        logger.setLevel(Level.INFO);
        log.debug(message);
        log.trace(message);
        assertThat(formatted).as("disabled debug and trace messages").hasValue(0);

        logger.setLevel(Level.DEBUG);
        log.debug(message);
        assertThat(formatted).as("an enabled debug message still reaches the log").hasValue(1);
    }
}
