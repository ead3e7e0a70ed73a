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
            redis.opsForZSet().remove(SaleScheduleKeys.INDEX, ids.stream().map(String::valueOf).toArray()).block();
            redis.delete(ids.stream().map(SaleScheduleKeys::schedule).toArray(String[]::new)).block();
        }
    }
}
