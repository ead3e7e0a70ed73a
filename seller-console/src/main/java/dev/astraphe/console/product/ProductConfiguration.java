package dev.astraphe.console.product;

import dev.astraphe.db.PersistenceConfiguration;
import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@Import(PersistenceConfiguration.class)
@EnableScheduling
@EnableConfigurationProperties(OutboxProperties.class)
class ProductConfiguration {

    /** Compacted: queue-edge re-reads it from the start on every boot and needs only the latest record per product. */
    @Bean
    NewTopic saleSchedulesTopic() {
        return TopicBuilder.name(Topics.SALE_SCHEDULES).partitions(3).compact().build();
    }

    /**
     * Routing in code rather than with {@code @Externalized} on the record: the shared event module stays free of
     * Modulith, and the key is the product id, so all versions of one product land on one partition in order.
     */
    @Bean
    EventExternalizationConfiguration eventExternalization() {
        return EventExternalizationConfiguration.externalizing()
                .selectByType(SaleScheduleChanged.class)
                .route(SaleScheduleChanged.class,
                        e -> RoutingTarget.forTarget(Topics.SALE_SCHEDULES).andKey(Long.toString(e.productId())))
                .build();
    }
}
