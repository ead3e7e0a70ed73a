package dev.astraphe.queue.schedule;

import dev.astraphe.queue.kafka.DeadLetters;
import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * A consumer of its own for the schedule topic, so its JSON type, offsets and dead-lettering do not leak into
 * other listeners of the app. Records that are not JSON, or not a valid schedule, go to
 * {@code astraphe.sale-schedules.v1-dlt} ({@link DeadLetters}, which also says what is retried).
 */
@Configuration(proxyBeanMethods = false)
class SaleScheduleConsumerConfiguration {

    static final String CONTAINER_FACTORY = "saleScheduleListenerFactory";
    static final String DEAD_LETTER_TOPIC = Topics.SALE_SCHEDULES + Topics.DEAD_LETTER_SUFFIX;

    /** Declared here as well as in the console: whichever app starts first creates it, compacted either way. */
    @Bean
    NewTopic saleSchedulesTopic() {
        return TopicBuilder.name(Topics.SALE_SCHEDULES).partitions(3).compact().build();
    }

    @Bean
    NewTopic saleSchedulesDeadLetterTopic() {
        return TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(3).build();
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, SaleScheduleChanged> saleScheduleListenerFactory(
            KafkaProperties kafka, ReactiveStringRedisTemplate redis) {
        return DeadLetters.replayingFactory(kafka, redis, SaleScheduleChanged.class,
                notNull(new JacksonJsonDeserializer<>(SaleScheduleChanged.class).ignoreTypeHeaders()), DEAD_LETTER_TOPIC,
                SaleScheduleKeys.DEAD_LETTERED, MalformedScheduleException.class);
    }

    /**
     * Only a record without a value is a tombstone (the product is gone: its sale and waiting room are removed). The
     * JSON text {@code null} reads as null too; it is refused here, so it goes to the dead-letter topic instead of
     * removing a product's live sale (again on every boot, while it is the product's latest record).
     */
    static Deserializer<SaleScheduleChanged> notNull(Deserializer<SaleScheduleChanged> json) {
        return new Deserializer<>() {
            @Override
            public SaleScheduleChanged deserialize(String topic, byte[] data) {
                return check(data, json.deserialize(topic, data));
            }

            @Override
            public SaleScheduleChanged deserialize(String topic, Headers headers, byte[] data) {
                return check(data, json.deserialize(topic, headers, data));
            }

            private SaleScheduleChanged check(byte[] data, SaleScheduleChanged event) {
                if (event == null && data != null) {
                    throw new SerializationException("a JSON null is not a schedule (a tombstone has no value at all)");
                }
                return event;
            }

            @Override
            public void close() {
                json.close();
            }
        };
    }
}
