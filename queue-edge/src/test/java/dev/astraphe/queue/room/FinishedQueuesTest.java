package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.WaitingRoomContext;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.schedule.SaleScheduleKeys;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** A finished sale's waiting room leaves Redis an hour after the end; live and recently ended ones stay. */
@WaitingRoomContext
class FinishedQueuesTest {

    @Autowired FinishedQueues finished;
    @Autowired QueueStore store;
    @Autowired ReactiveStringRedisTemplate redis;
    @Autowired QueueMetrics metrics;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    private final long now = System.currentTimeMillis();

    @Test
    void theWaitingRoomOfASaleThatEndedOverAnHourAgoIsRemovedAndItsHistoryKept() {
        SaleSchedule longOver = withWaitingRoom(Instant.ofEpochMilli(now).minus(Duration.ofMinutes(61)));
        SaleSchedule justOver = withWaitingRoom(Instant.ofEpochMilli(now).minus(Duration.ofMinutes(59)));
        SaleSchedule live = withWaitingRoom(Instant.ofEpochMilli(now).plus(Duration.ofHours(1)));
        SaleSchedule openEnded = withWaitingRoom(null);
        SaleSchedule cancelled = withWaitingRoom(null, "CANCELLED");

        metrics.joined(longOver.productId());
        metrics.joined(live.productId());

        assertThat(finished.sweep(now).block()).isGreaterThanOrEqualTo(14L);

        // a finished sale's meters go with its waiting room; a live one's stay
        assertThat(meters.find("astraphe.queue.joins").tag("product", Long.toString(longOver.productId())).counter()).isNull();
        assertThat(meters.find("astraphe.queue.joins").tag("product", Long.toString(live.productId())).counter()).isNotNull();

        assertThat(existing(longOver)).isEmpty();
        assertThat(existing(cancelled)).as("a cancellation is final").isEmpty();
        assertThat(redis.hasKey(QueueKeys.history(longOver.productId())).block()).as("the history stays").isTrue();
        assertThat(redis.hasKey(QueueKeys.sale(longOver.productId())).block()).as("the schedule is the topic's").isTrue();
        for (SaleSchedule kept : List.of(justOver, live, openEnded)) {
            assertThat(existing(kept)).as("product %d", kept.productId()).hasSizeGreaterThanOrEqualTo(7);
        }
        assertThat(finished.sweep(now).block()).as("nothing left to remove").isZero();
    }

    @Test
    void aSaleOfSeveralWeeksThatEndedOverAnHourAgoIsRemovedAndLeavesTheSchedulersIndex() {
        Instant ended = Instant.ofEpochMilli(now).minus(Duration.ofHours(2));
        SaleSchedule weeksLong = withWaitingRoom(Instant.ofEpochMilli(now).minus(Duration.ofDays(40)), ended, "SCHEDULED");
        String id = Long.toString(weeksLong.productId());
        // as the schedule store indexes a sale longer than a week when it learns of it
        redis.opsForZSet().add(SaleScheduleKeys.LONG_RUNNING, id, ended.toEpochMilli()).block();

        finished.sweep(now).block();

        assertThat(existing(weeksLong)).isEmpty();
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, id).block()).isNull();
    }

    @Test
    void aStoppedSaleWithoutAnEndIsRemovedAnHourAfterItsStop() {
        SaleSchedule stoppedLongAgo = stopped(withWaitingRoom(null, "STOPPED"), Duration.ofMinutes(61));
        SaleSchedule stoppedJustNow = stopped(withWaitingRoom(null, "STOPPED"), Duration.ofMinutes(5));
        // and one of weeks ago, found through the index of long sales (scored by its stop)
        SaleSchedule weeksAgo = stopped(withWaitingRoom(Instant.ofEpochMilli(now).minus(Duration.ofDays(40)), null, "STOPPED"),
                Duration.ofHours(2));
        String weeksAgoId = Long.toString(weeksAgo.productId());
        redis.opsForZSet().add(SaleScheduleKeys.LONG_RUNNING, weeksAgoId, now - Duration.ofHours(2).toMillis()).block();
        metrics.joined(stoppedLongAgo.productId());

        finished.sweep(now).block();

        assertThat(existing(stoppedLongAgo)).isEmpty();
        assertThat(existing(weeksAgo)).isEmpty();
        assertThat(redis.opsForZSet().score(SaleScheduleKeys.LONG_RUNNING, weeksAgoId).block()).isNull();
        assertThat(meters.find("astraphe.queue.joins").tag("product", Long.toString(stoppedLongAgo.productId())).counter())
                .isNull();
        assertThat(existing(stoppedJustNow)).as("the admins' board still shows its figures").hasSizeGreaterThanOrEqualTo(7);
    }

    /** As the schedule store keeps the stop's event: its time. */
    private SaleSchedule stopped(SaleSchedule sale, Duration ago) {
        redis.opsForHash().put(QueueKeys.sale(sale.productId()), "occurredAt", Long.toString(now - ago.toMillis())).block();
        return sale;
    }

    @Test
    void aProductSoldAgainAfterTheSweepReadItsOldSaleKeepsItsNewWaitingRoom() {
        SaleSchedule over = withWaitingRoom(Instant.ofEpochMilli(now).minus(Duration.ofMinutes(61)));
        // the sweep has read the old sale as finished; meanwhile the product is sold again and its waiting room
        // starts afresh, with a first shopper in its pre-queue
        redis.unlink(QueueKeys.queueState(over.productId()).toArray(String[]::new)).block();
        SaleSchedule again = TestSales.store(redis, new SaleSchedule(over.productId(), over.companyId(), over.productName(),
                over.scheduleVersion() + 1, Instant.ofEpochMilli(now).plus(Duration.ofMinutes(5)), null, 1, 60, 0, 100, 2,
                false, "SCHEDULED"));
        assertThat(store.join(again, 42, "", now).block().outcome()).isEqualTo(QueueStore.Outcome.PREQUEUE);

        assertThat(finished.remove(over).block()).isZero();

        assertThat(redis.opsForSet().isMember(QueueKeys.prequeue(over.productId()), "42").block()).isTrue();
        assertThat(finished.remove(again).block()).as("the version read removes it").isPositive();
    }

    private SaleSchedule withWaitingRoom(Instant endsAt) {
        return withWaitingRoom(endsAt, "SCHEDULED");
    }

    private SaleSchedule withWaitingRoom(Instant endsAt, String status) {
        return withWaitingRoom(Instant.ofEpochMilli(now).minus(Duration.ofHours(2)), endsAt, status);
    }

    /**
     * A sale that started at {@code startsAt} and ends at {@code endsAt}, with shoppers in its line, admitted and
     * counted; then given {@code status} (a cancellation, say).
     */
    private SaleSchedule withWaitingRoom(Instant startsAt, Instant endsAt, String status) {
        long id = TestSales.newProductId();
        SaleSchedule s = TestSales.sale(id, startsAt, Duration.ZERO, 1, 60, 100);
        SaleSchedule sale = TestSales.store(redis, new SaleSchedule(id, s.companyId(), s.productName(), s.scheduleVersion(),
                s.saleStartsAt(), endsAt, 1, 60, 0, 100, 2, false, "SCHEDULED"));
        for (long user = 1; user <= 5; user++) {
            // the first is admitted at once (recent, admitted); the others wait (line, seen, seq)
            store.join(sale, user, "", now - 3_600_000).block();
        }
        redis.opsForHash().put(QueueKeys.control(id), QueueKeys.CONTROL_STATE, "PAUSED").block();
        redis.opsForZSet().add(QueueKeys.history(id), "{}", now / 1000).block();
        return TestSales.store(redis, new SaleSchedule(id, s.companyId(), s.productName(), s.scheduleVersion() + 1,
                s.saleStartsAt(), endsAt, 1, 60, 0, 100, 2, false, status));
    }

    private List<String> existing(SaleSchedule sale) {
        return QueueKeys.queueState(sale.productId()).stream().filter(key -> redis.hasKey(key).block()).toList();
    }
}
