package dev.astraphe.storefront.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long before a sale's start its waiting room lets shoppers in (the pre-queue; keep it equal to
 * queue-edge's), and how often an open product page refreshes its stock and state.
 */
@ConfigurationProperties("astraphe.catalog")
record CatalogProperties(@DefaultValue("10m") Duration prequeueWindow, @DefaultValue("7s") Duration refreshEvery) {
}
