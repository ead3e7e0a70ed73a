package dev.astraphe.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A product as shown is kept a moment, never past the instant its state changes by the clock. */
class RecentProductViewsTest {

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();
    private Instant startsAt = Instant.ofEpochMilli(now.get()).plusSeconds(60);

    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(now.get()); }
    };

    private final ProductViews views = new ProductViews(null, null, null, null, null) {
        @Override
        public Optional<ProductView> find(long id) {
            reads.incrementAndGet();
            return id == 404 ? Optional.empty() : Optional.of(view(id, startsAt));
        }
    };

    private final RecentProductViews recent = new RecentProductViews(views,
            new CatalogProperties(Duration.ofMinutes(10), Duration.ofSeconds(7), Duration.ofSeconds(1)), clock);

    @Test
    void aProductIsReadOnceAMomentAndAgainAfterIt() {
        for (int i = 0; i < 100; i++) {
            assertThat(recent.find(7)).isPresent();
        }
        assertThat(reads).hasValue(1);
        now.addAndGet(999);
        recent.find(7);
        assertThat(reads).hasValue(1);
        now.addAndGet(1);
        recent.find(7);
        assertThat(reads).hasValue(2);
    }

    @Test
    void productNumbersWalkedByACrawlerNeitherFillItNorPushTheBusyProductsOut() {
        recent.find(7);
        for (long id = 100_000; id < 100_000 + 3 * RecentProductViews.MAX_KEPT; id++) {
            recent.find(id);
            recent.find(404);
        }
        reads.set(0);
        recent.find(7);
        assertThat(reads).as("the busy product, still kept").hasValue(0);
        recent.find(404);
        assertThat(reads).as("a product that is not there is asked for again").hasValue(1);

        // once the kept ones are old, new ones take their room
        now.addAndGet(1_000);
        recent.find(123);
        reads.set(0);
        recent.find(123);
        assertThat(reads).hasValue(0);
    }

    @Test
    void aProductIsNotKeptPastItsStart() {
        startsAt = Instant.ofEpochMilli(now.get()).plusMillis(300);
        recent.find(7);
        now.addAndGet(299);
        recent.find(7);
        assertThat(reads).hasValue(1);
        now.addAndGet(1); // the start: read again, as live
        recent.find(7);
        assertThat(reads).hasValue(2);
    }

    private static ProductView view(long id, Instant startsAt) {
        return new ProductView(id, "p", "", "c", null, null, null, null, 1000, null, 5, 1, startsAt, null, null,
                startsAt.minus(Duration.ofMinutes(10)), null, false, SaleState.UPCOMING, false, false, List.of());
    }
}
