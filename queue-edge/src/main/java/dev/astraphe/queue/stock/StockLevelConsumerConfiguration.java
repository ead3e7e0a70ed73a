package dev.astraphe.queue.stock;

import dev.astraphe.queue.kafka.DeadLetters;
import dev.astraphe.shared.events.StockLevelChanged;
import dev.astraphe.shared.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * A consumer of its own for the stock-level topic (its JSON type, offsets and dead-lettering apart from the other
 * listeners). Records that are not JSON, or not a valid level, go to {@code astraphe.stock-levels.v1-dlt}
 * ({@link DeadLetters}, which also says what is retried).
 */
@Configuration(proxyBeanMethods = false)
class StockLevelConsumerConfiguration {

    static final String CONTAINER_FACTORY = "stockLevelListenerFactory";
    static final String DEAD_LETTER_TOPIC = Topics.STOCK_LEVELS + Topics.DEAD_LETTER_SUFFIX;
    static final String DEAD_LETTERED = "astraphe:stock-levels:dead-lettered:";

    /** Declared by its readers: whichever app starts first creates it, compacted either way. */
    @Bean
    NewTopic stockLevelsTopic() {
        return TopicBuilder.name(Topics.STOCK_LEVELS).partitions(3).compact().build();
    }

    @Bean
    NewTopic stockLevelsDeadLetterTopic() {
        return TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(3).build();
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, StockLevelChanged> stockLevelListenerFactory(
            KafkaProperties kafka, ReactiveStringRedisTemplate redis) {
        return DeadLetters.replayingFactory(kafka, redis, StockLevelChanged.class,
                new JacksonJsonDeserializer<>(StockLevelChanged.class).ignoreTypeHeaders(), DEAD_LETTER_TOPIC, DEAD_LETTERED,
                MalformedStockLevelException.class);
    }
}
