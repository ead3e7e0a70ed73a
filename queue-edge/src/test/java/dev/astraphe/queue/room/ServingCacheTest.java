package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.schedule.SaleScheduleApplied;
import dev.astraphe.queue.schedule.SaleSchedules;
import dev.astraphe.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** What polls for products cost Redis, counted on the cache's two readers. */
class ServingCacheTest {

    private final Instant now = Instant.parse("2026-12-07T05:00:00Z");
    private final MutableClock clock = new MutableClock(now);
    private final SaleSchedules schedules = mock(SaleSchedules.class);
    private final QueueStore store = mock(QueueStore.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ServingCache cache = new ServingCache(schedules, store, new QueueMetrics(registry), clock);

    @Test
    void aSaleThatIsOverIsReadAgainOnlyNowAndThenAndGetsNoGauge() {
        sale(1, now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(39)));
        sale(2, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1)));
        cache.get(1).block();
        cache.get(2).block();

        for (int pass = 0; pass < 8; pass++) {
            clock.now = clock.now.plusMillis(250);
            cache.refreshAll();
        }
        verify(store, times(1)).snapshot(1);
        verify(store, times(9)).snapshot(2);
        clock.now = now.plusMillis(ServingCache.QUIET_REFRESH_MS);
        cache.refreshAll();
        verify(store, times(2)).snapshot(1);

        assertThat(registry.find("astraphe.queue.waiting").tag("product", "1").gauge()).isNull();
        assertThat(registry.find("astraphe.queue.waiting").tag("product", "2").gauge()).isNotNull();
    }

    @Test
    void aStoppedSaleIsOverTooAndAChangeOfAnySaleIsReadOnTheNextPass() {
        sale(4, now.minus(Duration.ofMinutes(5)), null, "STOPPED");
        cache.get(4).block();
        clock.now = now.plusMillis(250);
        cache.refreshAll();
        verify(store, times(1)).snapshot(4);
        assertThat(registry.find("astraphe.queue.waiting").tag("product", "4").gauge()).isNull();

        // sold again: every instance reads the change from the topic, and its entry is read on the next pass
        cache.scheduleApplied(new SaleScheduleApplied(4));
        clock.now = now.plusMillis(500);
        cache.refreshAll();
        verify(store, times(2)).snapshot(4);
        // a product without a sale yet, until its schedule comes
        when(schedules.find(5)).thenReturn(Mono.empty());
        cache.get(5).block();
        cache.scheduleApplied(new SaleScheduleApplied(5));
        cache.get(5).block();
        verify(schedules, times(2)).find(5);
    }

    @Test
    void aProductWithoutASaleIsReadOnceASecondHoweverOftenItIsPolled() {
        when(schedules.find(3)).thenReturn(Mono.empty());

        for (int poll = 0; poll < 50; poll++) {
            assertThat(cache.get(3).block().schedule()).isEmpty();
        }
        verify(schedules, times(1)).find(3);
        clock.now = now.plusSeconds(1);
        cache.get(3).block();
        verify(schedules, times(2)).find(3);
    }

    private void sale(long productId, Instant start, Instant end) {
        sale(productId, start, end, "SCHEDULED");
    }

    private void sale(long productId, Instant start, Instant end, String status) {
        SaleSchedule sale = new SaleSchedule(productId, 1, "상품 " + productId, 1, start, end, 10, 60, 60, 100, 2, false,
                status);
        when(schedules.find(productId)).thenReturn(Mono.just(sale));
        when(store.snapshot(productId)).thenReturn(Mono.just(QueueSnapshot.EMPTY));
    }
}
