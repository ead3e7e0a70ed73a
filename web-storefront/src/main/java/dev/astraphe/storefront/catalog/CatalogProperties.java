package dev.astraphe.storefront.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long before a sale's start its waiting room lets shoppers in (the pre-queue: queue-edge's, both set by
 * {@code ASTRAPHE_PREQUEUE_WINDOW}), how often an open product page refreshes its stock and state, and how long a
 * product as shown is kept for the next request ({@link RecentProductViews}; 0 reads every request from the database).
 */
@ConfigurationProperties("astraphe.catalog")
record CatalogProperties(@DefaultValue("10m") Duration prequeueWindow, @DefaultValue("7s") Duration refreshEvery,
                         @DefaultValue("1s") Duration viewCache) {
}
