package dev.astraphe.queue.schedule;

import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.events.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
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
 * {@code astraphe.sale-schedules.v1-dlt} (after two retries for unexpected errors such as Redis hiccups).
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
            KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var values = new ErrorHandlingDeserializer<SaleScheduleChanged>(
                new JacksonJsonDeserializer<>(SaleScheduleChanged.class).ignoreTypeHeaders());
        var consumers = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), values);

        var factory = new ConcurrentKafkaListenerContainerFactory<String, SaleScheduleChanged>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errorHandler(kafka));
        return factory;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static DefaultErrorHandler errorHandler(KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        // the raw bytes of an unreadable record, or the parsed event of an invalid one
        var values = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(),
                SaleScheduleChanged.class, new JacksonJsonSerializer<>()), true);
        var template = new KafkaTemplate<Object, Object>(
                new DefaultKafkaProducerFactory<Object, Object>(props, (Serializer) new StringSerializer(), values));
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(DEAD_LETTER_TOPIC, record.partition()));
        var handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 2));
        handler.addNotRetryableExceptions(MalformedScheduleException.class);
        return handler;
    }
}
