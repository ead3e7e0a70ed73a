package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.WaitingRoomContext;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.schedule.SaleScheduleKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The admission scheduler's reading of the live sales, with more sales than a reactive operator asks for at once.
 *
 * <p>It used to ask for each sale's schedule while the index's reply was still streaming in, on the same shared Redis
 * connection. Lettuce stops reading a connection while a reply's subscriber has no demand left; the schedules it
 * waited for were behind that reply, so nothing moved until the command timeout (then a minute), and meanwhile every
 * other command on the connection (sessions, the schedule reads of the waiting room, the key-event probe) hung too.
 */
@WaitingRoomContext
class AdmissionTickerSalesTest {

    /** Far enough ahead that no running scheduler's window (a week back, minutes ahead) reaches these sales. */
    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");
    private static final int SALES = 2_000;

    @Autowired AdmissionTicker ticker;
    @Autowired ReactiveStringRedisTemplate redis;

    @Test
    void aSaleThatRunsForWeeksStaysLiveLongAfterItsStartUntilItsEnd() {
        long open = TestSales.newProductId();
        long endsLater = TestSales.newProductId();
        long ended = TestSales.newProductId();
        long notYet = TestSales.newProductId();
        List<Long> ids = List.of(open, endsLater, ended, notYet);
        try {
            Instant monthAgo = LATER.minus(Duration.ofDays(30));
            longSale(open, monthAgo, null);
            longSale(endsLater, monthAgo, LATER.plus(Duration.ofDays(1)));
            longSale(ended, monthAgo, LATER.minusSeconds(1));
            longSale(notYet, LATER.plus(Duration.ofDays(30)), null);

            List<Long> live = ticker.loadLiveSales(LATER.toEpochMilli()).block(Duration.ofSeconds(20))
                    .stream().map(SaleSchedule::productId).toList();

            assertThat(live).contains(open, endsLater).doesNotContain(ended, notYet);
        } finally {
            forget(ids);
        }
    }

    /** A sale stored as the schedule store stores one that may run longer than a week: indexed by its end too. */
    private void longSale(long id, Instant startsAt, Instant endsAt) {
        SaleSchedule s = TestSales.sale(id, startsAt, Duration.ZERO, 1, 1, 10);
        TestSales.store(redis, new SaleSchedule(id, s.companyId(), s.productName(), s.scheduleVersion(), startsAt, endsAt,
                1, 1, 0, 10, 1, false, "SCHEDULED"));
        double ends = endsAt == null ? SaleScheduleKeys.NO_END : endsAt.toEpochMilli();
        redis.opsForZSet().add(SaleScheduleKeys.LONG_RUNNING, Long.toString(id), ends).block();
    }

    private void forget(List<Long> ids) {
        String[] members = ids.stream().map(String::valueOf).toArray(String[]::new);
        redis.opsForZSet().remove(SaleScheduleKeys.INDEX, (Object[]) members).block();
        redis.opsForZSet().remove(SaleScheduleKeys.LONG_RUNNING, (Object[]) members).block();
        redis.delete(ids.stream().map(SaleScheduleKeys::schedule).toArray(String[]::new)).block();
    }

    @Test
    void readsThousandsOfLiveSalesWithoutStallingTheConnection() {
        List<Long> ids = new ArrayList<>();
        try {
            for (int i = 0; i < SALES; i++) {
                long id = TestSales.newProductId();
                ids.add(id);
                TestSales.store(redis, TestSales.sale(id, LATER.minusSeconds(i), Duration.ZERO, 1, 1, 10));
            }

            for (int pass = 0; pass < 3; pass++) {
                List<Long> live = ticker.loadLiveSales(LATER.toEpochMilli()).block(Duration.ofSeconds(20))
                        .stream().map(SaleSchedule::productId).toList();
                assertThat(live).as("pass %d", pass).containsAll(ids);
            }
            // and the shared connection answers anything else at once
            assertThat(redis.hasKey(SaleScheduleKeys.schedule(ids.getFirst())).block(Duration.ofSeconds(5))).isTrue();
        } finally {
            forget(ids);
        }
    }
}
