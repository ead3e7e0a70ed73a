package dev.astraphe.queue;

import dev.astraphe.testsupport.UsesRedis;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * queue-edge on real Redis without a server or Kafka, admission ticks off (tests pass the clock and tick by hand)
 * and a 2 s grace. One annotation for the classes that test the waiting room this way, so they share one cached
 * test context instead of each starting its own with a copy of the same properties.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@UsesRedis
@SpringBootTest(properties = {"astraphe.queue.admission-ticks=false", "astraphe.queue.grace=2s",
        "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
public @interface WaitingRoomContext {
}
