package dev.astraphe.queue.kafka;

import dev.astraphe.queue.QueueRedis;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Error handling for queue-edge's consumers of compacted topics that every instance replays from the start on every
 * boot (schedules, stock levels). Records that are not JSON, or fail the consumer's checks ({@code malformed}), go to
 * the topic's dead-letter topic at once; other errors after two retries, once each. Redis being away (refused
 * connections, timeouts) is not the record's fault: such a record is tried again, with growing pauses up to 10 s, for
 * as long as it takes, holding its partition meanwhile (a product's changes stay in order), and is never
 * dead-lettered for it: a valid change sent there would not be applied until the next boot.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration MARK_KEPT = Duration.ofDays(30);
    private static final Duration REDIS_WAIT = Duration.ofSeconds(10);

    private DeadLetters() {
    }

    /**
     * The listener factory of such a topic: keys as text, values through {@code values} (a JSON reader of the event),
     * every record read from the start ({@link ReplayedFromStart}) with nothing committed automatically, and the
     * error handling below.
     */
    public static <T> ConcurrentKafkaListenerContainerFactory<String, T> replayingFactory(
            KafkaProperties kafka, ReactiveStringRedisTemplate redis, Class<T> eventType, Deserializer<T> values,
            String deadLetterTopic, String marks, Class<? extends Exception> malformed) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, T>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(values)));
        factory.setCommonErrorHandler(errorHandler(kafka, redis, eventType, deadLetterTopic, marks, malformed));
        return factory;
    }

    /**
     * @param deadLetterTopic where refused records go (the same partition number)
     * @param marks           the prefix of the Redis keys that mark a record (partition, offset) as sent already
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static DefaultErrorHandler errorHandler(KafkaProperties kafka, ReactiveStringRedisTemplate redis,
                                                   Class<?> eventType, String deadLetterTopic, String marks,
                                                   Class<? extends Exception> malformed) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        // the raw bytes of an unreadable record, or the parsed event of an invalid one
        var values = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(),
                eventType, new JacksonJsonSerializer<>()), true);
        var template = new KafkaTemplate<Object, Object>(
                new DefaultKafkaProducerFactory<Object, Object>(props, (Serializer) new StringSerializer(), values));
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(deadLetterTopic, record.partition()));
        var handler = new DefaultErrorHandler(once(recoverer, redis, marks), new FixedBackOff(500, 2));
        handler.addNotRetryableExceptions(malformed);
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
    private static ConsumerRecordRecoverer once(ConsumerRecordRecoverer recoverer, ReactiveStringRedisTemplate redis,
                                                String marks) {
        return (record, exception) -> {
            String mark = marks + record.partition() + ":" + record.offset();
            if (Boolean.TRUE.equals(redis.hasKey(mark).block(REDIS_WAIT))) {
                log.info("Record {}-{} of {} was dead-lettered before; not sent again", record.partition(), record.offset(),
                        record.topic());
                return;
            }
            recoverer.accept(record, exception);
            try {
                redis.opsForValue().set(mark, "1", MARK_KEPT).block(REDIS_WAIT);
            } catch (RuntimeException e) {
                log.warn("Record {}-{} of {} was dead-lettered but not marked so; a replay sends it again: {}",
                        record.partition(), record.offset(), record.topic(), e.toString());
            }
        };
    }
}
