package dev.astraphe.console.product;

import dev.astraphe.db.PersistenceConfiguration;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
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
     * Modulith, and the key is the product id, so all versions of one product land on one partition.
     *
     * <p>On a compacted topic the last record per key is the one that survives, so each send carries the product's
     * state as committed when the event is mapped (never older than the event), and the console's task executor
     * has one thread (application.yaml), so events are mapped and sent one after another: a resubmitted or
     * late publication maps to the latest state too, and what ends up last is the latest state. Modulith maps an
     * event before taking the lock that serialises sends, so with a pool a stale mapping could still go out last.
     */
    // the repository is looked up lazily: listener factories ask for this bean before JPA is ready
    @Bean
    EventExternalizationConfiguration eventExternalization(ObjectProvider<ProductRepository> products) {
        return EventExternalizationConfiguration.externalizing()
                .selectByType(SaleScheduleChanged.class)
                .mapping(SaleScheduleChanged.class, e -> latest(products.getObject(), e))
                .route(SaleScheduleChanged.class,
                        e -> RoutingTarget.forTarget(Topics.SALE_SCHEDULES).andKey(Long.toString(e.productId())))
                .serializeExternalization(true)
                .build();
    }

    private static SaleScheduleChanged latest(ProductRepository products, SaleScheduleChanged event) {
        return products.findById(event.productId())
                .filter(p -> p.getScheduleVersion() >= event.scheduleVersion())
                .map(p -> ScheduleEvents.of(p, event.occurredAt()))
                .orElse(event);
    }
}
