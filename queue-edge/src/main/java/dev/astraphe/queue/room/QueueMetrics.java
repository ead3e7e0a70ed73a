package dev.astraphe.queue.room;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Prometheus figures per product: waiting (gauge), joins, admissions, drops, polls (counters). Each instance counts
 * what it did, so the counters add up across instances ({@code sum by (product)}); the gauge is each instance's copy
 * of one shared figure ({@code max by (product)}), not a number while the instance does not follow the product. A
 * product's meters are removed once its sale is over and its waiting room swept.
 */
@Component
class QueueMetrics {

    private final MeterRegistry registry;
    /** Per meter name, per product: no key string built for each poll. */
    private final Map<String, Map<Long, Counter>> counters = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> tracked = new ConcurrentHashMap<>();

    QueueMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void track(long productId, Supplier<Number> waiting) {
        if (tracked.putIfAbsent(productId, true) == null) {
            Gauge.builder("astraphe.queue.waiting", waiting).tag("product", Long.toString(productId))
                    .description("Shoppers waiting (as this instance last saw it)").register(registry);
        }
    }

    /** Removes the product's meters (its sale is over): a series per product ever sold would only grow. */
    void forget(long productId) {
        if (tracked.remove(productId) != null) {
            registry.find("astraphe.queue.waiting").tag("product", Long.toString(productId)).meters().forEach(registry::remove);
        }
        counters.values().forEach(byProduct -> {
            Counter counter = byProduct.remove(productId);
            if (counter != null) {
                registry.remove(counter);
            }
        });
    }

    void joined(long productId) {
        counter("astraphe.queue.joins", productId).increment();
    }

    void polled(long productId) {
        counter("astraphe.queue.polls", productId).increment();
    }

    void ticked(long productId, int admitted, int dropped) {
        counter("astraphe.queue.admissions", productId).increment(admitted);
        counter("astraphe.queue.drops", productId).increment(dropped);
    }

    void admittedAtOnce(long productId) {
        counter("astraphe.queue.admissions", productId).increment();
    }

    private Counter counter(String name, long productId) {
        Map<Long, Counter> byProduct = counters.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
        Counter counter = byProduct.get(productId);
        return counter != null ? counter : byProduct.computeIfAbsent(productId,
                k -> Counter.builder(name).tag("product", Long.toString(productId)).register(registry));
    }
}
