package dev.astraphe.queue.schedule;

import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
import org.springframework.util.backoff.FixedBackOff;

/**
 * A consumer of its own for the schedule topic, so its JSON type, offsets and dead-lettering do not leak into
 * other listeners of the app. Records that are not JSON, or not a valid schedule, go to
 * {@code astraphe.sale-schedules.v1-dlt} (after two retries for unexpected errors such as Redis hiccups), once each.
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
                new JacksonJsonDeserializer<>(SaleScheduleChanged.class).ignoreTypeHeaders());
        var consumers = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), values);

        var factory = new ConcurrentKafkaListenerContainerFactory<String, SaleScheduleChanged>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errorHandler(kafka, redis));
        return factory;
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
        return handler;
    }

    /**
     * Every boot replays the compacted topic from its start, and every instance does: without a mark, a malformed
     * record still on the topic went to the dead-letter topic again each time. The first instance to claim a
     * record's mark (SET NX, kept 30 days) sends it; the others, and later replays, skip it. A failed send gives the
     * mark back, so the record is tried again. A wiped Redis forgets the marks: the records are then sent once more.
     */
    private static ConsumerRecordRecoverer once(ConsumerRecordRecoverer recoverer, ReactiveStringRedisTemplate redis) {
        return (record, exception) -> {
            String mark = SaleScheduleKeys.deadLettered(record.partition(), record.offset());
            if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(mark, "1", DEAD_LETTER_MARK).block(REDIS_WAIT))) {
                log.info("Schedule record {}-{} was dead-lettered before; not sent again", record.partition(), record.offset());
                return;
            }
            try {
                recoverer.accept(record, exception);
            } catch (RuntimeException e) {
                redis.delete(mark).block(REDIS_WAIT);
                throw e;
            }
        };
    }
}
