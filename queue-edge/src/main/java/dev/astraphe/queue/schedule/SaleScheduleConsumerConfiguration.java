package dev.astraphe.queue.schedule;

import dev.astraphe.queue.QueueRedis;
import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A consumer of its own for the schedule topic, so its JSON type, offsets and dead-lettering do not leak into
 * other listeners of the app. Records that are not JSON, or not a valid schedule, go to
 * {@code astraphe.sale-schedules.v1-dlt} at once; other errors after two retries, once each. Redis being away
 * (refused connections, timeouts) is not the record's fault: such a record is tried again, with growing pauses up to
 * 10 s, for as long as it takes, holding its partition meanwhile (the changes of a product stay in order), and is
 * never dead-lettered for it: a valid change sent there would not be applied until the next boot.
 */
@Configuration(proxyBeanMethods = false)
class SaleScheduleConsumerConfiguration {

    static final String CONTAINER_FACTORY = "saleScheduleListenerFactory";
    static final String DEAD_LETTER_TOPIC = Topics.SALE_SCHEDULES + Topics.DEAD_LETTER_SUFFIX;
    private static final Duration DEAD_LETTER_MARK = Duration.ofDays(30);
    private static final Duration REDIS_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SaleScheduleConsumerConfiguration.class);

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
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var values = new ErrorHandlingDeserializer<SaleScheduleChanged>(
                notNull(new JacksonJsonDeserializer<>(SaleScheduleChanged.class).ignoreTypeHeaders()));
        var consumers = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), values);

        var factory = new ConcurrentKafkaListenerContainerFactory<String, SaleScheduleChanged>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errorHandler(kafka, redis));
        return factory;
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

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static DefaultErrorHandler errorHandler(KafkaProperties kafka, ReactiveStringRedisTemplate redis) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        // the raw bytes of an unreadable record, or the parsed event of an invalid one
        var values = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(),
                SaleScheduleChanged.class, new JacksonJsonSerializer<>()), true);
        var template = new KafkaTemplate<Object, Object>(
                new DefaultKafkaProducerFactory<Object, Object>(props, (Serializer) new StringSerializer(), values));
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(DEAD_LETTER_TOPIC, record.partition()));
        var handler = new DefaultErrorHandler(once(recoverer, redis), new FixedBackOff(500, 2));
        handler.addNotRetryableExceptions(MalformedScheduleException.class);
        handler.setBackOffFunction((record, e) -> QueueRedis.unreachable(e) ? untilRedisAnswers() : null);
        return handler;
    }

    /** No end to the attempts: 0.5 s, 1 s, 2 s, ... then every 10 s. */
    private static BackOff untilRedisAnswers() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        return backOff;
    }

    /**
     * Every boot replays the compacted topic from its start, and every instance does: without a mark, a malformed
     * record still on the topic went to the dead-letter topic again each time. A record already marked is skipped;
     * the mark (kept 30 days) is set once the record has been sent, so a crash between the two sends it again rather
     * than never. Two instances meeting the same record at once may both send it: a duplicate in the dead-letter
     * topic, not a loss. A wiped Redis forgets the marks: the records are then sent once more.
     */
    private static ConsumerRecordRecoverer once(ConsumerRecordRecoverer recoverer, ReactiveStringRedisTemplate redis) {
        return (record, exception) -> {
            String mark = SaleScheduleKeys.deadLettered(record.partition(), record.offset());
            if (Boolean.TRUE.equals(redis.hasKey(mark).block(REDIS_WAIT))) {
                log.info("Schedule record {}-{} was dead-lettered before; not sent again", record.partition(), record.offset());
                return;
            }
            recoverer.accept(record, exception);
            try {
                redis.opsForValue().set(mark, "1", DEAD_LETTER_MARK).block(REDIS_WAIT);
            } catch (RuntimeException e) {
                log.warn("Schedule record {}-{} was dead-lettered but not marked so; a replay sends it again: {}",
                        record.partition(), record.offset(), e.toString());
            }
        };
    }
}
