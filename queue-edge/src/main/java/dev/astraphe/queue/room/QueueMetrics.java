package dev.astraphe.queue.room;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Prometheus figures per product: waiting (gauge), joins, admissions, drops, polls (counters). */
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
