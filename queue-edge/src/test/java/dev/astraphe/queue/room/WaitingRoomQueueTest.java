package dev.astraphe.queue.room;

import static dev.astraphe.shared.queue.QueueKeys.LATER_ARRIVALS_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.astraphe.queue.QueueRedis;
import dev.astraphe.queue.WaitingRoomContext;
import dev.astraphe.queue.room.QueueStore.Joined;
import dev.astraphe.queue.room.QueueStore.Outcome;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.shared.queue.QueueKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The queue's rules on real Redis, with the clock passed explicitly (no waiting for real ticks).
 * Sales here admit from an hour after the start unless a test says otherwise, so joins get places.
 */
@WaitingRoomContext
class WaitingRoomQueueTest {

    @Autowired QueueStore store;
    @Autowired ReactiveStringRedisTemplate redis;
    @Autowired dev.astraphe.queue.schedule.SaleSchedules schedules;
    @Autowired QueueHistory history;
    @Autowired QueueMetrics metrics;
    @Autowired RoomProperties properties;
    @Autowired LegacyLastSeen legacyLastSeen;
    @Autowired QueueRedis redisClient;
    @Autowired JoinBatches joinBatches;

    private final long now = System.currentTimeMillis();

    @Test
    void emptyQueueAdmitsAtOnceWithinTheTickBudgetAndTheNextJoinerGetsAPlace() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(5), Duration.ZERO, 2, 60, 100);

        assertThat(join(sale, 1, "").outcome()).isEqualTo(Outcome.ADMITTED_NOW);
        assertThat(join(sale, 2, "").outcome()).isEqualTo(Outcome.ADMITTED_NOW);
        Joined third = join(sale, 3, "");

        assertThat(third.outcome()).isEqualTo(Outcome.PLACE);
        assertThat(third.sequence()).isEqualTo(LATER_ARRIVALS_OFFSET + 1);
        // once someone waits, nobody overtakes them, even with budget in the next tick
        assertThat(store.join(sale, 4, "", now + 60_000).block().outcome()).isEqualTo(Outcome.PLACE);
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).isEqualTo(2);
    }

    @Test
    void joinsAndTicksStillWorkAfterRedisForgetsTheScripts() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(5), Duration.ZERO, 1, 60, 100);
        assertThat(join(sale, 1, "").outcome()).isEqualTo(Outcome.ADMITTED_NOW);

        // what a Redis restart or failover does to the script cache: the next EVALSHA answers NOSCRIPT
        redis.execute(connection -> connection.scriptingCommands().scriptFlush()).blockLast();

        assertThat(join(sale, 2, "")).isEqualTo(new Joined(Outcome.PLACE, LATER_ARRIVALS_OFFSET + 1));
        assertThat(store.snapshot(sale.productId()).block().waiting()).isEqualTo(1);
    }

    @Test
    void twoThousandConcurrentJoinsGetUniqueGapFreeSequencesAndAreAdmittedInExactlyThatOrder() throws Exception {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 100, 1, 10_000);
        Map<Long, Long> sequenceByUser = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                go.await();
                // each thread fires its 250 joins at once: thousands within the same millisecond on the Redis side
                Flux.range(0, 250).flatMap(i -> {
                    long user = thread * 1000L + i + 1;
                    return store.join(sale, user, "", now).doOnNext(j -> sequenceByUser.put(user, j.sequence()));
                }, 250).subscribeOn(Schedulers.parallel()).blockLast();
                return null;
            }));
        }
        go.countDown();
        for (var f : done) {
            f.get();
        }
        threads.shutdown();

        assertThat(sequenceByUser).hasSize(2000);
        assertThat(sequenceByUser.values()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(LATER_ARRIVALS_OFFSET + 1, LATER_ARRIVALS_OFFSET + 2000).boxed().toList());

        List<Long> arrivalOrder = sequenceByUser.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
        SaleSchedule admitting = admittingNow(sale);
        for (int tick = 0; tick < 20; tick++) {
            QueueStore.Tick result = store.admit(admitting, tick, now).block();
            assertThat(result.admitted()).isEqualTo(100);
            Set<Long> admitted = admittedUsers(sale);
            assertThat(admitted).as("after tick %d exactly the first arrivals are in", tick)
                    .containsExactlyInAnyOrderElementsOf(arrivalOrder.subList(0, (tick + 1) * 100));
        }
    }

    @Test
    void reEnteringWithoutTheTicketGoesToTheBackWhileASecondTabWithTheTicketKeepsThePlace() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 1, 1, 100);
        long first = join(sale, 1, "").sequence();
        join(sale, 2, "");

        Joined secondTab = join(sale, 1, Long.toString(first));
        assertThat(secondTab).as("kept, not a join").isEqualTo(new Joined(Outcome.KEPT, first));

        Joined reEntry = join(sale, 1, "");
        assertThat(reEntry.sequence()).isGreaterThan(first);
        assertThat(line(sale)).as("one entry each, the re-entry at its new place").containsExactly(2L, 1L);

        store.admit(admittingNow(sale), 0, now).block();
        assertThat(admittedUsers(sale)).containsExactly(2L);
        assertThat(stat(sale, QueueKeys.STAT_WAITING)).isEqualTo(1);
    }

    @Test
    void peopleAheadLeaveOutTheHolesThatReEntriesLeftExactlyAtTheFrontAndTheBack() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 1, 1, 100);
        join(sale, 1, "");
        long second = join(sale, 2, "").sequence();
        long third = join(sale, 3, "").sequence();
        long reEntered = 0;
        for (int i = 0; i < 3; i++) {
            reEntered = join(sale, 1, "").sequence(); // shopper 1 re-enters three times: three holes ahead of them
        }
        assertThat(line(sale)).containsExactly(2L, 3L, 1L);

        QueueSnapshot queue = store.snapshot(sale.productId()).block();
        assertThat(queue.ahead(second)).as("at the front, though an earlier place was given").isZero();
        assertThat(queue.ahead(third)).isEqualTo(1);
        assertThat(queue.ahead(reEntered)).as("the back: everyone else, none of their own old places").isEqualTo(2);
        assertThat(queue.ahead(reEntered + 2)).as("joined since the refresh: the whole line and the one between").isEqualTo(4);

        // the front admitted: the next is at the front
        store.admit(admittingNow(sale), 0, now).block();
        QueueSnapshot after = store.snapshot(sale.productId()).block();
        assertThat(after.ahead(third)).isZero();
        assertThat(after.ahead(reEntered)).isEqualTo(1);
    }

    @Test
    void aJoinSentAgainAfterItsAnswerWasLostKeepsThePlaceTheFirstTook() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 1, 1, 100);
        long first = join(sale, 1, "").sequence(); // its answer, and the ticket in it, never reached the browser
        join(sale, 2, "");

        assertThat(join(sale, 1, QueueStore.ANY_PLACE)).isEqualTo(new Joined(Outcome.KEPT, first));
        assertThat(line(sale)).containsExactly(1L, 2L);
        // the first join never got through: the one sent again takes a place as any first join does
        Joined fresh = join(sale, 3, QueueStore.ANY_PLACE);
        assertThat(fresh.outcome()).isEqualTo(Outcome.PLACE);
        assertThat(line(sale)).containsExactly(1L, 2L, 3L);
        assertThat(stat(sale, QueueKeys.STAT_JOINED)).isEqualTo(3);
        assertThat(stat(sale, QueueKeys.STAT_WAITING)).isEqualTo(3);
    }

    @Test
    void aShopperAloneInLineWhoReEntersOnceAdmissionBeganIsAdmittedAtOnceAndNoLongerWaits() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 1, 60, 100);
        assertThat(join(sale, 1, "").outcome()).isEqualTo(Outcome.PLACE);
        assertThat(join(sale, 1, "").outcome()).as("re-entry before admission: a new place").isEqualTo(Outcome.PLACE);
        assertThat(stat(sale, QueueKeys.STAT_WAITING)).isEqualTo(1);

        Joined reEntry = join(admittingNow(sale), 1, "");

        assertThat(reEntry.outcome()).isEqualTo(Outcome.ADMITTED_NOW);
        assertThat(admittedUsers(sale)).containsExactly(1L);
        assertThat(places(sale)).doesNotContainKey(1L);
        assertThat(line(sale)).as("the old place left the line").isEmpty();
        assertThat(stat(sale, QueueKeys.STAT_WAITING)).isZero();
        assertThat(stat(sale, QueueKeys.STAT_JOINED)).isEqualTo(3);
    }

    @Test
    void anAdmissionMadeBeforeTheSalesStartWasPostponedPastItIsVoid() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(5), Duration.ZERO, 1, 60, 100);
        assertThat(join(sale, 1, "").outcome()).isEqualTo(Outcome.ADMITTED_NOW);
        assertThat(join(sale, 1, "")).as("asked again: the same admission").isEqualTo(new Joined(Outcome.ADMITTED, now));
        assertThat(store.admittedAt(sale, 1, now + 1_000).block()).isEqualTo(now);

        // the seller moves the live sale's start past the admission: the sale that begins then owes it nothing
        SaleSchedule postponed = TestSales.store(redis,
                TestSales.sale(sale.productId(), Instant.ofEpochMilli(now + 1), Duration.ofHours(1), 1, 60, 100));

        assertThat(store.admittedAt(postponed, 1, now + 1_000).block()).as("a poll finds no admission").isNull();
        Joined again = store.join(postponed, 1, "", now + 1_000).block();
        assertThat(again.outcome()).as("a join queues afresh").isEqualTo(Outcome.PLACE);
        assertThat(admittedUsers(sale)).isEmpty();
        assertThat(line(sale)).containsExactly(1L);
    }

    @Test
    void aTickOrAnAdmitNowOnAnOldScheduleAdmitsNobodyFromAPostponedSalesLine() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(60), Duration.ZERO, 1, 1, 100);
        assertThat(join(sale, 1, "").outcome()).isEqualTo(Outcome.ADMITTED_NOW);
        join(sale, 2, "");
        join(sale, 3, "");
        stillPolling(sale, now);
        // the seller postpones the live sale by an hour (version 2); an instance still holds version 1 for seconds
        SaleSchedule postponed = TestSales.store(redis, new SaleSchedule(sale.productId(), sale.companyId(),
                sale.productName(), 2, Instant.ofEpochMilli(now).plus(Duration.ofHours(1)), null, 1, 1, 0, 100, 2, false,
                "SCHEDULED"));
        assertThat(schedulesVersion(postponed)).as("Redis has the new version").isEqualTo("2");
        redis.opsForHash().put(QueueKeys.control(sale.productId()), "admitNow", "2").block();

        QueueStore.Tick tick = store.admit(sale, Ticks.tickAt(sale, now + 500), now + 500).block();
        QueueStore.Tick manual = store.admitNow(sale, now + 500).block();

        assertThat(tick.stale()).isTrue();
        assertThat(tick.ran()).isFalse();
        assertThat(manual.stale()).isTrue();
        // nobody taken from the line: they keep their places for the postponed start
        assertThat(line(sale)).containsExactly(2L, 3L);
        assertThat(admittedUsers(sale)).containsExactly(1L);
        // the tick is left for an instance with the current schedule, and the admins' count for it too
        assertThat(redis.<String, String>opsForHash().get(QueueKeys.stats(sale.productId()), "lastTick").block()).isNull();
        assertThat(redis.<String, String>opsForHash().get(QueueKeys.control(sale.productId()), "admitNow").block())
                .isEqualTo("2");
    }

    private String schedulesVersion(SaleSchedule sale) {
        return redis.<String, String>opsForHash().get(QueueKeys.sale(sale.productId()), "scheduleVersion").block();
    }

    @Test
    void aJoinOnAnOldScheduleIsNotAdmittedAtOnceIntoASaleThatMoved() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(60), Duration.ZERO, 1, 60, 100);
        // the start moved (a later instant, still past); the joining instance's cache has the old one
        TestSales.store(redis, TestSales.sale(sale.productId(), Instant.ofEpochMilli(now).minusSeconds(30),
                Duration.ZERO, 1, 60, 100));

        assertThat(join(sale, 1, "").outcome()).as("a place, not an admission the new sale would void")
                .isEqualTo(Outcome.PLACE);
        assertThat(admittedUsers(sale)).isEmpty();
    }

    @Test
    void anAdmissionEndsWhenItsTokenDoesAtTheWholeSecondItWasMadeInPlusTheHold() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(60), Duration.ofHours(1), 1, 60, 100);
        long at = now - now % 1000 + 750;
        redis.opsForHash().put(QueueKeys.admitted(sale.productId()), "7", Long.toString(at)).block();
        // the token carries the second it was issued in, rounded down, and expires the hold after it
        long tokenExpires = at - 750 + properties.admittedHold().toMillis();

        assertThat(store.admittedAt(sale, 7, tokenExpires - 1).block()).isEqualTo(at);
        assertThat(store.join(sale, 7, "", tokenExpires - 1).block()).isEqualTo(new Joined(Outcome.ADMITTED, at));
        // from then on the storefront refuses the token, so the waiting room no longer calls the shopper admitted
        // (750 ms before the hold itself ends): a poll finds no admission, and a join takes a place
        assertThat(store.admittedAt(sale, 7, tokenExpires).block()).isNull();
        assertThat(store.join(sale, 7, "", tokenExpires).block().outcome()).isEqualTo(Outcome.PLACE);
    }

    @Test
    void abandonedShoppersAreDroppedAndSkippedWithoutUsingAnAdmission() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 1, 1, 100);
        join(sale, 1, "");
        join(sale, 2, "");
        join(sale, 3, "");
        long later = now + properties.grace().toMillis() + 1000;
        store.heartbeats(sale.productId(), Map.of(3L, later - 100)).block();

        QueueStore.Tick tick = store.admit(admittingNow(sale), 0, later).block();

        assertThat(tick.admitted()).isEqualTo(1);
        assertThat(tick.dropped()).isEqualTo(2);
        assertThat(admittedUsers(sale)).containsExactly(3L);
        assertThat(stat(sale, QueueKeys.STAT_DROPPED)).isEqualTo(2);
        assertThat(stat(sale, QueueKeys.STAT_WAITING)).isZero();
    }

    @Test
    void aLateHeartbeatDoesNotBringBackAShopperWhoLeftTheLine() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 1, 1, 100);
        join(sale, 1, "");
        join(sale, 2, "");
        assertThat(store.admit(admittingNow(sale), 0, now + 10).block().admitted()).isEqualTo(1);
        assertThat(lastSeen(sale)).as("the admitted shopper is no longer tracked").containsOnlyKeys(2L);

        // polls answered before the admission, flushed after it; 99 never joined
        store.heartbeats(sale.productId(), Map.of(1L, now + 20, 2L, now + 20, 99L, now + 20)).block();

        assertThat(lastSeen(sale)).isEqualTo(Map.of(2L, now + 20));
    }

    @Test
    void anOlderHeartbeatNeverMovesALastSeenTimeBack() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 1, 1, 100);
        join(sale, 1, "");
        join(sale, 2, "");
        // shopper 1's polls moved to another instance, which wrote a fresh time; the first instance's note, kept
        // through an outage (or stamped by a clock behind), arrives after it
        store.heartbeats(sale.productId(), Map.of(1L, now + 60_000)).block();
        store.heartbeats(sale.productId(), Map.of(1L, now + 5_000, 2L, now + 5_000)).block();

        assertThat(lastSeen(sale)).isEqualTo(Map.of(1L, now + 60_000, 2L, now + 5_000));
    }

    @Test
    void lastSeenTimesLeftInTheSortedSetOfBeforeAreMovedToTheHashAtBootAndKeepTheLineAlive() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 1, 1, 100);
        join(sale, 1, "");
        join(sale, 2, "");
        join(sale, 3, "");
        // a Redis from before the hash: the times were in a sorted set; shopper 2 has polled since the upgrade
        String legacy = QueueKeys.formerHeartbeats(sale.productId());
        redis.delete(QueueKeys.heartbeats(sale.productId())).block();
        redis.opsForZSet().add(legacy, "1", now).block();
        redis.opsForZSet().add(legacy, "2", now).block();
        redis.opsForZSet().add(legacy, "3", now + 5).block();
        redis.opsForHash().put(QueueKeys.heartbeats(sale.productId()), "2", Long.toString(now + 30)).block();

        legacyLastSeen.afterSingletonsInstantiated();

        assertThat(lastSeen(sale)).as("the newer time of shopper 2 is kept").isEqualTo(Map.of(1L, now, 2L, now + 30, 3L, now + 5));
        assertThat(redis.hasKey(legacy).block()).isFalse();
        QueueStore.Tick tick = store.admit(admittingNow(sale), 0, now + 10).block();
        assertThat(tick.admitted()).as("the first in line is admitted, not dropped as silent").isEqualTo(1);
        assertThat(tick.dropped()).isZero();

        legacyLastSeen.afterSingletonsInstantiated(); // nothing left to move: a second boot changes nothing
        assertThat(lastSeen(sale)).isEqualTo(Map.of(2L, now + 30, 3L, now + 5));
    }

    @Test
    void aLongLegacyLineIsMovedWholeInChunks() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 1, 1, 100);
        String legacy = QueueKeys.formerHeartbeats(sale.productId());
        int shoppers = LegacyLastSeen.CHUNK * 2 + 500;
        Flux.range(1, shoppers).concatMap(user -> redis.opsForZSet().add(legacy, Integer.toString(user), now + user)).blockLast();

        legacyLastSeen.afterSingletonsInstantiated();

        Map<Long, Long> seen = lastSeen(sale);
        assertThat(seen).hasSize(shoppers).containsEntry(1L, now + 1).containsEntry((long) shoppers, now + shoppers);
        assertThat(redis.hasKey(legacy).block()).isFalse();
    }

    @Test
    void preQueueIsShuffledOnceAtTheStartAndRanksAheadOfLaterArrivals() {
        Instant start = Instant.ofEpochMilli(now).plusSeconds(60);
        SaleSchedule sale = stored(start, Duration.ofHours(1), 10, 1, 1000);
        for (long user = 1; user <= 40; user++) {
            assertThat(join(sale, user, "").outcome()).isEqualTo(Outcome.PREQUEUE);
        }
        assertThat(join(sale, 7, "").outcome()).as("re-entering the pre-queue: kept, not a join").isEqualTo(Outcome.KEPT);
        assertThat(store.join(sale, 99, "", start.toEpochMilli() - Duration.ofMinutes(11).toMillis()).block().outcome())
                .isEqualTo(Outcome.TOO_EARLY);

        long afterStart = start.toEpochMilli() + 10;
        Joined late = store.join(sale, 500, "", afterStart).block();
        assertThat(store.join(sale, 8, "", afterStart).block().outcome()).as("started, not drawn yet: kept").isEqualTo(Outcome.KEPT);
        assertThat(store.draw(sale, "test", new java.util.Random(42)).block()).isEqualTo(40);
        Map<Long, Long> drawn = places(sale);
        assertThat(store.draw(sale, "test", new java.util.Random(7)).block()).as("no second draw").isEqualTo(-1);
        assertThat(places(sale)).isEqualTo(drawn);

        assertThat(late.sequence()).isGreaterThan(LATER_ARRIVALS_OFFSET);
        List<Long> drawOrder = drawn.entrySet().stream().filter(e -> e.getValue() <= 40)
                .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
        assertThat(drawOrder).hasSize(40).isNotEqualTo(LongStream.rangeClosed(1, 40).boxed().toList());
        // a pre-queue member's "0" ticket keeps the drawn place after the start
        assertThat(store.join(sale, drawOrder.get(5), "0", afterStart).block()).isEqualTo(new Joined(Outcome.KEPT, 6));

        store.heartbeats(sale.productId(), LongStream.rangeClosed(1, 40).boxed().collect(Collectors.toMap(u -> u, u -> afterStart))).block();
        SaleSchedule admitting = admittingNow(sale);
        for (int tick = 0; tick < 4; tick++) {
            store.admit(admitting, tick, afterStart + 500).block();
            assertThat(admittedUsers(sale)).containsExactlyInAnyOrderElementsOf(drawOrder.subList(0, (tick + 1) * 10));
        }
        store.admit(admitting, 4, afterStart + 500).block();
        assertThat(admittedUsers(sale)).contains(500L);
    }

    @Test
    void aSalePostponedAfterItsDrawKeepsItsLineAndTakesNewcomersOnlyFromItsNewStart() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).plusSeconds(60), Duration.ofHours(1), 10, 1, 1000);
        assertThat(join(sale, 1, "").outcome()).isEqualTo(Outcome.PREQUEUE);
        long afterStart = sale.saleStartsAt().toEpochMilli() + 10;
        assertThat(store.draw(sale, "test", new java.util.Random(42)).block()).isEqualTo(1);
        Joined later = store.join(sale, 2, "", afterStart).block();
        assertThat(later.outcome()).isEqualTo(Outcome.PLACE);
        // an instance whose clock is a little behind the drawing one's: the draw was this start's, so it is on
        assertThat(store.join(sale, 4, "", sale.saleStartsAt().toEpochMilli() - 100).block().outcome()).isEqualTo(Outcome.PLACE);

        // postponed by a day (the schedule store keeps the line and the draw); a day less a minute before it
        SaleSchedule postponed = TestSales.store(redis, TestSales.sale(sale.productId(),
                sale.saleStartsAt().plus(Duration.ofDays(1)), Duration.ofHours(1), 10, 1, 1000));
        long before = postponed.saleStartsAt().toEpochMilli() - Duration.ofMinutes(1).toMillis();
        assertThat(store.join(postponed, 3, "", before).block().outcome())
                .as("a newcomer, inside what would be the new start's pre-queue window").isEqualTo(Outcome.TOO_EARLY);
        assertThat(store.join(postponed, 1, "0", before).block()).as("the drawn member keeps their place")
                .isEqualTo(new Joined(Outcome.KEPT, 1));
        assertThat(store.join(postponed, 2, Long.toString(later.sequence()), before).block())
                .isEqualTo(new Joined(Outcome.KEPT, later.sequence()));
        Joined fromTheNewStart = store.join(postponed, 3, "", postponed.saleStartsAt().toEpochMilli()).block();
        assertThat(fromTheNewStart.outcome()).isEqualTo(Outcome.PLACE);
        assertThat(fromTheNewStart.sequence()).isEqualTo(later.sequence() + 2);
        assertThat(line(sale)).containsExactly(1L, 2L, 4L, 3L);
    }

    @Test
    void aSalePostponedWhileItsPreQueueIsDrawnFinishesTheDrawAndTakesNewcomersOnlyFromItsNewStart() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 10, 1, 1000);
        for (long user = 1; user <= 3; user++) {
            redis.opsForSet().add(QueueKeys.prequeue(sale.productId()), Long.toString(user)).block();
        }
        // an instance began the draw at the start and placed one member
        List<String> keys = List.of(QueueKeys.stats(sale.productId()), QueueKeys.prequeue(sale.productId()),
                QueueKeys.line(sale.productId()), QueueKeys.sale(sale.productId()), QueueKeys.drawLock(sale.productId()));
        List<String> args = List.of(Long.toString(sale.saleStartsAt().toEpochMilli()), "drawer", "60000");
        assertThat(redisClient.run(QueueScripts.DRAW_BEGIN, keys, args).block()).isEqualTo("3");
        assertThat(redisClient.run(QueueScripts.DRAW_WRITE, keys, with(args, "1", "3")).block()).isEqualTo("1");
        // a first-come arrival in the draw's seconds: behind the whole pre-queue
        Joined early = store.join(sale, 500, "", now).block();
        assertThat(early.outcome()).isEqualTo(Outcome.PLACE);

        // postponed by a day while the draw runs (the schedule store keeps the line)
        SaleSchedule postponed = TestSales.store(redis, TestSales.sale(sale.productId(),
                sale.saleStartsAt().plus(Duration.ofDays(1)), Duration.ofHours(1), 10, 1, 1000));
        long before = postponed.saleStartsAt().toEpochMilli() - Duration.ofMinutes(1).toMillis();
        assertThat(store.snapshot(sale.productId()).block().drawnBefore(postponed.saleStartsAt().toEpochMilli()))
                .as("newcomers are told to come at the new start, not at a pre-queue").isTrue();
        assertThat(store.join(postponed, 600, "", before).block().outcome())
                .as("a newcomer inside what would be the new start's pre-queue window would pass the arrival before")
                .isEqualTo(Outcome.TOO_EARLY);
        assertThat(store.join(postponed, 2, "0", before).block().outcome()).as("a member being drawn keeps their ticket")
                .isEqualTo(Outcome.KEPT);
        assertThat(store.join(postponed, 3, "0", before).block().outcome()).as("so does one already placed")
                .isEqualTo(Outcome.KEPT);
        assertThat(store.join(postponed, 500, Long.toString(early.sequence()), before).block())
                .as("a place in the line is no ticket to the pre-queue").isEqualTo(new Joined(Outcome.KEPT, early.sequence()));

        // the draw goes on and counts, for the start it began at
        assertThat(redisClient.run(QueueScripts.DRAW_WRITE, keys, with(args, "2", "2", "1")).block()).isEqualTo("2");
        assertThat(redisClient.run(QueueScripts.DRAW_DONE, keys, with(args, "3")).block()).isEqualTo("3");
        assertThat(redis.opsForHash().get(QueueKeys.stats(sale.productId()), "drawnFor").block())
                .isEqualTo(Long.toString(sale.saleStartsAt().toEpochMilli()));
        assertThat(store.join(postponed, 600, "", before).block().outcome()).isEqualTo(Outcome.TOO_EARLY);
        assertThat(store.join(postponed, 2, "0", before).block()).isEqualTo(new Joined(Outcome.KEPT, 2));

        Joined fromTheNewStart = store.join(postponed, 600, "", postponed.saleStartsAt().toEpochMilli()).block();
        assertThat(fromTheNewStart).isEqualTo(new Joined(Outcome.PLACE, early.sequence() + 1));
        assertThat(line(sale)).containsExactly(3L, 2L, 1L, 500L, 600L);
    }

    @Test
    void aDrawBegunForASaleThatWasSoldAgainCountsForNothing() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 10, 1, 1000);
        redis.opsForSet().add(QueueKeys.prequeue(sale.productId()), "1", "2").block();
        List<String> keys = List.of(QueueKeys.stats(sale.productId()), QueueKeys.prequeue(sale.productId()),
                QueueKeys.line(sale.productId()), QueueKeys.sale(sale.productId()), QueueKeys.drawLock(sale.productId()));
        List<String> args = List.of(Long.toString(sale.saleStartsAt().toEpochMilli()), "drawer", "60000");
        assertThat(redisClient.run(QueueScripts.DRAW_BEGIN, keys, args).block()).isEqualTo("2");

        // sold again meanwhile: the schedule store removed the waiting room, and the next sale forms its own pre-queue
        redis.unlink(QueueKeys.queueState(sale.productId()).toArray(String[]::new)).block();
        TestSales.store(redis, TestSales.sale(sale.productId(), sale.saleStartsAt().plus(Duration.ofDays(1)),
                Duration.ofHours(1), 10, 1, 1000));
        redis.opsForSet().add(QueueKeys.prequeue(sale.productId()), "7").block();

        assertThat(redisClient.run(QueueScripts.DRAW_WRITE, keys, with(args, "1", "1", "2")).block()).isEqualTo("-2");
        assertThat(redisClient.run(QueueScripts.DRAW_DONE, keys, with(args, "1")).block()).isEqualTo("-2");
        assertThat(redisClient.run(QueueScripts.DRAW_BEGIN, keys, args).block()).isEqualTo("-2");
        assertThat(redis.opsForZSet().size(QueueKeys.line(sale.productId())).block()).isZero();
        assertThat(redis.opsForHash().get(QueueKeys.stats(sale.productId()), "shuffled").block()).isNull();
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void aLargePreQueueIsDrawnWithoutHoldingRedisUpAndEveryMemberGetsOnePlace() throws Exception {
        int members = 300_000;
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 10, 1, 1000);
        // admission an hour away: no tick drops the members (who never polled) once they are drawn
        fillPrequeue(sale, members);
        // how long Redis keeps a PING waiting while the draw runs (one script over the whole pre-queue: about 1.5 s)
        AtomicLong longestPing = new AtomicLong();
        AtomicBoolean drawing = new AtomicBoolean(true);
        Thread pinger = Thread.ofPlatform().start(() -> {
            try (var connection = redis.getConnectionFactory().getReactiveConnection()) {
                while (drawing.get()) {
                    long at = System.nanoTime();
                    connection.ping().block();
                    longestPing.accumulateAndGet((System.nanoTime() - at) / 1_000_000, Math::max);
                }
            }
        });

        assertThat(store.draw(sale, "test", new java.util.Random(5)).block(Duration.ofSeconds(30))).isEqualTo(members);
        drawing.set(false);
        pinger.join();

        assertThat(longestPing.get()).as("ms a PING waited").isLessThan(500);
        List<Long> scores = redis.opsForZSet().rangeWithScores(QueueKeys.line(sale.productId()), Range.unbounded())
                .map(t -> t.getScore().longValue()).collectList().block();
        assertThat(scores).hasSize(members).isEqualTo(LongStream.rangeClosed(1, members).boxed().toList());
        assertThat(redis.opsForHash().get(QueueKeys.stats(sale.productId()), "prequeued").block()).isEqualTo(Integer.toString(members));
    }

    @Test
    void aDrawLongerThanThePassesThatWaitForItGoesOnBesideThemAndCounts() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 10, 1, 1000);
        // admission an hour away: no tick drops the members (who never polled) once they are drawn
        fillPrequeue(sale, 200_000);
        AdmissionTicker ticker = ticker();

        // passes every 100 ms that give up waiting after 200 ms, as a pass cut off by its time limit does
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                ticker.step(sale, System.currentTimeMillis()).block(Duration.ofMillis(200));
            } catch (IllegalStateException timedOut) {
                // the pass gave up waiting; the draw goes on
            }
            return "1".equals(redis.opsForHash().get(QueueKeys.stats(sale.productId()), "shuffled").block());
        });

        assertThat(redis.opsForHash().get(QueueKeys.stats(sale.productId()), "prequeued").block()).isEqualTo("200000");
        assertThat(redis.opsForZSet().size(QueueKeys.line(sale.productId())).block()).isEqualTo(200_000);
    }

    @Test
    void whileThePreQueueIsDrawnNobodyIsAdmittedAndADrawLeftHalfWayIsDrawnAgainWhole() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ZERO, 10, 1, 1000);
        for (long user = 1; user <= 3; user++) {
            redis.opsForSet().add(QueueKeys.prequeue(sale.productId()), Long.toString(user)).block();
        }
        Joined late = store.join(sale, 500, "", now).block(); // after the start: a later arrival's place
        // as their joins before the start would have noted them: live
        redis.opsForHash().putAll(QueueKeys.heartbeats(sale.productId()),
                Map.of("1", Long.toString(now), "2", Long.toString(now), "3", Long.toString(now))).block();
        // an instance took the draw and stopped half-way: one member placed, the draw not done
        List<String> keys = List.of(QueueKeys.stats(sale.productId()), QueueKeys.prequeue(sale.productId()),
                QueueKeys.line(sale.productId()), QueueKeys.sale(sale.productId()), QueueKeys.drawLock(sale.productId()));
        List<String> args = List.of(Long.toString(sale.saleStartsAt().toEpochMilli()), "stalled", "60000");
        assertThat(redisClient.run(QueueScripts.DRAW_BEGIN, keys, args).block()).isEqualTo("3");
        // from the draw's beginning, later arrivals' places count the whole pre-queue ahead of them
        assertThat(stat(sale, "prequeued")).isEqualTo(3);
        List<String> write = new java.util.ArrayList<>(args);
        write.addAll(List.of("1", "3"));
        assertThat(redisClient.run(QueueScripts.DRAW_WRITE, keys, write).block()).isEqualTo("1");

        // another instance waits for it, and no tick admits anybody meanwhile: the later arrival would pass two members
        assertThat(store.draw(sale, "other", new java.util.Random(1)).block()).isEqualTo(-3);
        SaleSchedule admitting = admittingNow(sale);
        QueueStore.Tick tick = store.admit(admitting, Ticks.tickAt(admitting, now), now).block();
        assertThat(tick.drawing()).isTrue();
        assertThat(tick.ran()).isFalse();
        assertThat(admittedUsers(sale)).isEmpty();

        // its lock runs out: the next instance draws the whole pre-queue again, and the stalled one's end counts for nothing
        redis.delete(QueueKeys.drawLock(sale.productId())).block();
        assertThat(store.draw(sale, "other", new java.util.Random(1)).block()).isEqualTo(3);
        List<String> done = new java.util.ArrayList<>(args);
        done.add("1");
        assertThat(redisClient.run(QueueScripts.DRAW_DONE, keys, done).block()).isEqualTo("-1");
        assertThat(places(sale).entrySet().stream().filter(e -> e.getKey() != 500).map(Map.Entry::getValue).sorted().toList())
                .containsExactly(1L, 2L, 3L);

        assertThat(store.admit(admitting, Ticks.tickAt(admitting, now), now).block().admitted()).isEqualTo(4);
        assertThat(line(sale)).isEmpty();
        assertThat(late.sequence()).isGreaterThan(LATER_ARRIVALS_OFFSET);
    }

    @Test
    void theDrawFollowsItsRandomnessWholly() {
        // seeds that differ in their lowest bits only: the old script, through Lua's doubles, drew both alike
        List<List<Long>> orders = new java.util.ArrayList<>();
        for (long seed : new long[] {1L << 62, (1L << 62) + 1}) {
            SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ZERO, 10, 1, 1000);
            for (long user = 1; user <= 20; user++) {
                redis.opsForSet().add(QueueKeys.prequeue(sale.productId()), Long.toString(user)).block();
            }
            assertThat(store.draw(sale, "test", new java.util.Random(seed)).block()).isEqualTo(20);
            orders.add(line(sale));
        }
        assertThat(orders.get(0)).containsExactlyInAnyOrderElementsOf(orders.get(1)).isNotEqualTo(orders.get(1));
    }

    @Test
    void anInstanceThatDrewAProductsPreQueueDrawsItAgainForTheProductsNextSale() {
        SaleSchedule first = stored(Instant.ofEpochMilli(now).minusSeconds(60), Duration.ofHours(1), 10, 1, 1000);
        AdmissionTicker ticker = ticker();
        ticker.step(first, now).block();
        assertThat(redis.opsForHash().get(QueueKeys.stats(first.productId()), "shuffled").block()).isEqualTo("1");

        // sold again: the schedule store removed the first sale's waiting room, and the next one forms a pre-queue
        redis.unlink(QueueKeys.queueState(first.productId()).toArray(String[]::new)).block();
        Instant start = Instant.ofEpochMilli(now).plusSeconds(60);
        SaleSchedule next = TestSales.store(redis, TestSales.sale(first.productId(), start, Duration.ofHours(1), 10, 1, 1000));
        // an instance that has not seen the new schedule yet draws nothing for the old one
        assertThat(store.draw(first, "test", new java.util.Random(3)).block()).isEqualTo(-2);
        ticker().step(first, now).block();
        assertThat(redis.opsForHash().get(QueueKeys.stats(first.productId()), "shuffled").block()).isNull();
        for (long user = 1; user <= 5; user++) {
            assertThat(join(next, user, "").outcome()).isEqualTo(Outcome.PREQUEUE);
        }

        ticker.step(next, start.toEpochMilli() + 10).block();

        assertThat(places(next).values()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        assertThat(store.join(next, 6, "", start.toEpochMilli() + 20).block().sequence()).isGreaterThan(LATER_ARRIVALS_OFFSET);
    }

    @Test
    void twoSchedulersRacingForEveryTickAdmitExactlyNPerTick() throws Exception {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 3, 1, 1000);
        for (long user = 1; user <= 60; user++) {
            join(sale, user, "");
        }
        SaleSchedule admitting = admittingNow(sale);
        AdmissionTicker one = ticker();
        AdmissionTicker two = ticker();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        for (int k = 0; k < 10; k++) {
            long at = admitting.admissionStartsAt().toEpochMilli() + k * 1000L + 10;
            // everyone still polls
            store.heartbeats(sale.productId(), LongStream.rangeClosed(1, 60).boxed().collect(Collectors.toMap(u -> u, u -> at))).block();
            var a = threads.submit(() -> one.step(admitting, at).block());
            var b = threads.submit(() -> two.step(admitting, at).block());
            a.get();
            b.get();
            assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).as("after tick %d", k).isEqualTo(3L * (k + 1));
        }
        threads.shutdown();
        // the same tick seen again by a late instance admits nobody
        long lastTick = Ticks.tickAt(admitting, admitting.admissionStartsAt().toEpochMilli() + 9 * 1000L + 10);
        assertThat(store.admit(admitting, lastTick, now).block().ran()).isFalse();
        // both instances passed every minute's mark, yet each minute was written once
        long minutes = LongStream.range(0, 10).map(k -> (admitting.admissionStartsAt().toEpochMilli() + k * 1000L + 10) / 60_000).distinct().count();
        assertThat(redis.opsForZSet().size(QueueKeys.history(sale.productId())).block()).isEqualTo(minutes);
    }

    @Test
    void aTickWhoseScriptFailsIsTriedAgainOnTheNextPassByTheInstanceHoldingItsClaim() {
        SaleSchedule sale = twentyWaitingForTicksOfThree();
        SaleSchedule admitting = admittingNow(sale);
        long at = Ticks.tickAt(admitting, now) + 10;
        stillPolling(sale, at);
        FailingStore failing = new FailingStore(Fails.ADMIT);
        AdmissionTicker one = ticker(failing);

        // Redis fails the script; the claim stays with this instance, so another one does not run the tick meanwhile
        assertThatThrownBy(() -> one.step(admitting, at).block()).hasMessageContaining("Redis went away");
        ticker().step(admitting, at + 100).block();
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).isZero();
        // the next pass, within the same tick: the claim is this instance's own, and the tick runs
        one.step(admitting, at + 200).block();
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).isEqualTo(3);
        one.step(admitting, at + 400).block();
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).as("once a tick").isEqualTo(3);
    }

    @Test
    void aTickWhoseReplyIsLostIsAskedAgainAndAdmitsNobodyTwice() {
        SaleSchedule sale = twentyWaitingForTicksOfThree();
        SaleSchedule admitting = admittingNow(sale);
        long at = Ticks.tickAt(admitting, now) + 10;
        stillPolling(sale, at);
        FailingStore failing = new FailingStore(Fails.ADMIT_REPLY);
        AdmissionTicker one = ticker(failing);

        one.step(admitting, at).onErrorResume(e -> Mono.empty()).block();
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).as("the script ran; only its reply was lost").isEqualTo(3);
        one.step(admitting, at + 200).block();
        assertThat(failing.admits).as("asked again").isEqualTo(2);
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).isEqualTo(3);
    }

    @Test
    void anInstanceWithAnOlderScheduleGivesTheTickUpToOneWithTheCurrentSchedule() {
        SaleSchedule sale = twentyWaitingForTicksOfThree();
        SaleSchedule old = admittingNow(sale);
        // the seller changed the sale (say, its stock): Redis has version 2, one instance has not read it yet
        SaleSchedule current = new SaleSchedule(old.productId(), old.companyId(), old.productName(), 2, old.saleStartsAt(),
                old.saleEndsAt(), old.admissionBatchSize(), old.admissionIntervalSeconds(), old.admissionDelaySeconds(),
                old.totalStock(), old.perShopperLimit(), old.hidden(), old.saleStatus());
        redis.opsForHash().put(QueueKeys.sale(sale.productId()), "scheduleVersion", "2").block();
        long at = Ticks.tickAt(old, now) + 10;
        stillPolling(sale, at);

        ticker().step(old, at).block();
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).as("nothing on the old schedule").isZero();
        ticker().step(current, at + 50).block();
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).as("the same tick, run by the up-to-date instance").isEqualTo(3);
    }

    @Test
    void aSaleWhoseTickFailsDoesNotHoldUpTheOtherSalesOfThePass() {
        SaleSchedule broken = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 3, 10, 1000);
        SaleSchedule sale = twentyWaitingForTicksOfThree();
        // a key of the wrong type: the admission script fails for this sale on every pass
        redis.opsForValue().set(QueueKeys.line(broken.productId()), "not a line").block();
        long at = Ticks.tickAt(admittingNow(sale), now) + 10;
        stillPolling(sale, at);

        List<Throwable> failed = ticker().pass(List.of(admittingNow(broken), admittingNow(sale)), at).block();

        assertThat(failed).singleElement().asString().contains("WRONGTYPE");
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).isEqualTo(3);
    }

    @Test
    void afterRedisWasAwayTicksWaitUntilEveryInstancesHeartbeatsAreWrittenAgain() {
        SaleSchedule sale = twentyWaitingForTicksOfThree();
        SaleSchedule admitting = admittingNow(sale);
        long at = Ticks.tickAt(admitting, now) + 10;
        stillPolling(sale, at);
        AdmissionTicker one = ticker();
        one.redisAwayAt(at);

        // the last-seen times in Redis may be as old as the outage: admitting now would drop shoppers who polled
        one.step(admitting, at + 1_000).block();
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).isZero();
        long settled = at + 2 * properties.heartbeatFlush().toMillis() + properties.tickPeriod().toMillis() + 1;
        stillPolling(sale, settled); // the flushes after the outage (the grace here is 2 s)
        one.step(admitting, settled).block();
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).isEqualTo(3);
    }

    @Test
    void shoppersOfAnInstanceThatCannotWriteTheirHeartbeatsAreNotDroppedByAnothersTick() {
        SaleSchedule sale = twentyWaitingForTicksOfThree();
        SaleSchedule admitting = admittingNow(sale);
        long at = Ticks.tickAt(admitting, now) + 10;
        stillPolling(sale, at);
        HeartbeatWatermarks marks = watermarks();
        // instance b wrote its notes up to `at` and cannot reach Redis since: its shoppers' later polls are in its memory
        marks.flushed("b", at).block();
        long later = at + properties.grace().toMillis() + 1_000; // silent for longer than the grace, as Redis has it
        marks.flushed("a", later).block();

        ticker(store, marks).step(admitting, later).block();

        assertThat(stat(sale, QueueKeys.STAT_DROPPED)).isZero();
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).isEqualTo(3);
    }

    @Test
    void anInstanceSilentForLongerThanTwiceTheGraceNoLongerHoldsTheDropsBack() {
        SaleSchedule sale = twentyWaitingForTicksOfThree();
        SaleSchedule admitting = admittingNow(sale);
        long at = Ticks.tickAt(admitting, now) + 10;
        stillPolling(sale, at);
        HeartbeatWatermarks marks = watermarks();
        long later = at + 2 * properties.grace().toMillis() + 1_000;
        // b stopped (a crash: a clean stop removes its mark) more than twice the grace ago
        marks.flushed("b", later - 2 * properties.grace().toMillis() - 1).block();

        ticker(store, marks).step(admitting, later).block();

        assertThat(stat(sale, QueueKeys.STAT_DROPPED)).isPositive();
        assertThat(marks.graceAt(later).block()).isEqualTo(properties.grace());
    }

    @Test
    void howLongTheDropsAreHeldBackIsKnownAndEndsWhenTheInstanceBehindWritesAgain() {
        HeartbeatWatermarks marks = watermarks();
        long grace = properties.grace().toMillis();
        marks.flushed("a", now - 100).block();
        marks.graceAt(now).block();
        assertThat(marks.heldBack()).isEqualTo(Duration.ofMillis(100));
        // b cut off from Redis for one and a half graces: the grace runs from its mark
        marks.flushed("b", now - grace * 3 / 2).block();
        assertThat(marks.graceAt(now).block()).isEqualTo(properties.grace().plusMillis(grace * 3 / 2));
        assertThat(marks.heldBack()).isEqualTo(Duration.ofMillis(grace * 3 / 2));
        marks.flushed("b", now).block();
        assertThat(marks.graceAt(now).block()).isEqualTo(properties.grace().plusMillis(100));
        assertThat(marks.heldBack()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void dropsHeldBackShowInTheGaugeAndInOneWarningUntilTheyEnd(CapturedOutput output) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        String key = "test:flushes:" + java.util.UUID.randomUUID();
        HeartbeatWatermarks marks = new HeartbeatWatermarks(redis, properties, meters, key);
        long grace = properties.grace().toMillis();
        marks.flushed("pid@cut-off-host/1", now - grace * 3 / 2).block();

        marks.graceAt(now).block();
        marks.graceAt(now + 10).block();
        assertThat(meters.get("astraphe.queue.drops.held.back").gauge().value())
                .isEqualTo(grace * 3 / 2 / 1000.0, within(0.02));
        assertThat(output.getOut().split("Drops held back by", -1)).as("warned once").hasSize(2);
        assertThat(output.getOut()).contains("instance pid@cut-off-host/1 has not written");

        marks.flushed("pid@cut-off-host/1", now).block();
        marks.graceAt(now).block();
        marks.idle();
        assertThat(meters.get("astraphe.queue.drops.held.back").gauge().value()).isZero();
        assertThat(output.getOut().split("Drops no longer held back", -1)).as("told once").hasSize(2);
    }

    @Test
    void heartbeatsThatCouldNotBeWrittenAreKeptForTheNextFlush() {
        SaleSchedule sale = twentyWaitingForTicksOfThree();
        redis.opsForHash().put(QueueKeys.heartbeats(sale.productId()), "7", "1").block();
        FailingStore failing = new FailingStore(Fails.HEARTBEATS);
        String marked = "test:flushes:" + java.util.UUID.randomUUID();
        Heartbeats beats = new Heartbeats(failing, new HeartbeatWatermarks(redis, properties, marked), Clock.systemUTC());

        beats.seen(sale.productId(), 7, now);
        beats.flush(); // Redis away: nothing written
        assertThat(redis.opsForHash().get(QueueKeys.heartbeats(sale.productId()), "7").block()).isEqualTo("1");
        assertThat(redis.opsForHash().size(marked).block()).as("no mark while notes are held").isZero();
        beats.flush(); // back: the note of the flush before is written now
        assertThat(redis.opsForHash().get(QueueKeys.heartbeats(sale.productId()), "7").block()).isEqualTo(Long.toString(now));
        assertThat(redis.opsForHash().size(marked).block()).isEqualTo(1);
    }

    @Test
    void aMinuteOfHistoryWhoseWriteFailedIsWrittenOnTheNextPassAndTheHistoryOutlivesItsSaleBy48Hours() {
        SaleSchedule sale = twentyWaitingForTicksOfThree();
        FailingStore failing = new FailingStore(Fails.SNAPSHOT);
        QueueHistory minutes = new QueueHistory(redis, failing);

        assertThatThrownBy(() -> minutes.record(sale.productId(), now).block()).hasMessageContaining("Redis went away");
        assertThat(redis.opsForZSet().size(QueueKeys.history(sale.productId())).block()).isZero();
        // the same minute, the next pass: written, and its lock did not keep it from being written
        minutes.record(sale.productId(), now + 200).block();
        assertThat(redis.opsForZSet().rangeByScore(QueueKeys.history(sale.productId()), Range.unbounded()).collectList().block())
                .singleElement().asString().contains("\"waiting\":20").contains("\"since\":0");
        assertThat(redis.getExpire(QueueKeys.history(sale.productId())).block()).isPositive()
                .isLessThanOrEqualTo(QueueHistory.KEEP);
    }

    @Test
    void aWaitingRoomOpenForDaysKeepsItsMinutesFromItsOpeningForAWeekAndAnEarlierRoomsFor48Hours() {
        SaleSchedule sale = twentyWaitingForTicksOfThree();
        long id = sale.productId();
        String key = QueueKeys.history(id);
        long day = Duration.ofDays(1).toMillis();
        // this room opened three days ago; a minute of the product's sale before it, just before
        long opened = now - 3 * day;
        redis.opsForHash().put(QueueKeys.stats(id), QueueKeys.STAT_SINCE, Long.toString(opened)).block();
        redis.opsForZSet().add(key, "{\"minute\":0,\"before\":true}", (opened - 60_000) / 1000).block();
        QueueHistory minutes = new QueueHistory(redis, store);

        minutes.record(id, opened).block();
        minutes.record(id, now).block();
        assertThat(redis.opsForZSet().rangeByScore(key, Range.unbounded()).collectList().block())
                .as("the opening minute is kept; the earlier room's, older than 48 h, goes").hasSize(2)
                .noneMatch(json -> json.contains("before"));

        // two minutes short of a week since the opening: still charted from it
        minutes.record(id, opened + 7 * day - 120_000).block();
        assertThat(redis.opsForZSet().count(key, Range.just((double) (opened / 60_000 * 60))).block()).isEqualTo(1);
        // past a week: the oldest minutes go
        minutes.record(id, opened + 7 * day + 120_000).block();
        assertThat(redis.opsForZSet().count(key, Range.just((double) (opened / 60_000 * 60))).block()).isZero();
        assertThat(redis.opsForZSet().size(key).block()).isEqualTo(3);
    }

    /** What fails, once, as a Redis going away would: the admission script before it runs or after (the reply lost). */
    private enum Fails { ADMIT, ADMIT_REPLY, HEARTBEATS, SNAPSHOT }

    /** A store on the test's Redis whose first call of one kind fails. */
    private final class FailingStore extends QueueStore {

        private final Fails fails;
        int admits;
        int failures;

        FailingStore(Fails fails) {
            super(redisClient, properties, joinBatches, Clock.systemUTC());
            this.fails = fails;
        }

        private <T> Mono<T> once(Fails kind, Mono<T> call) {
            if (fails != kind || failures > 0) {
                return call;
            }
            failures++;
            Mono<T> lost = Mono.error(new IllegalStateException("Redis went away"));
            return kind == Fails.ADMIT_REPLY ? call.then(lost) : lost;
        }

        @Override
        Mono<Tick> admit(SaleSchedule sale, long tick, long now, Duration grace) {
            admits++;
            return once(fails == Fails.ADMIT_REPLY ? Fails.ADMIT_REPLY : Fails.ADMIT, super.admit(sale, tick, now, grace));
        }

        @Override
        Mono<Void> heartbeats(long productId, Map<Long, Long> lastSeen) {
            return once(Fails.HEARTBEATS, super.heartbeats(productId, lastSeen));
        }

        @Override
        Mono<QueueSnapshot> snapshot(long productId) {
            return once(Fails.SNAPSHOT, super.snapshot(productId));
        }
    }

    @Test
    void admissionsNeverExceedTheAvailableUnits() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 10, 1, 5);
        for (long user = 1; user <= 20; user++) {
            join(sale, user, "");
        }
        SaleSchedule admitting = admittingNow(sale);

        assertThat(store.admit(admitting, 0, now).block().admitted()).isEqualTo(5);
        assertThat(store.admit(admitting, 1, now).block().admitted()).as("the 5 admitted still hold their units").isZero();
        redis.opsForHash().put(QueueKeys.sale(sale.productId()), "available", "7").block();
        assertThat(store.admit(admitting, 2, now).block().admitted()).isEqualTo(2);
        assertThat(admittedUsers(sale)).hasSize(7);
    }

    @Test
    void joinsAdmittedAtOnceAndAnAdminsAdmitNowNeverExceedTheAvailableUnitsEither() {
        // admitting ten a tick into an empty line, but two units: the tick's room is not the units' room
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(5), Duration.ZERO, 10, 60, 2);
        assertThat(join(sale, 1, "").outcome()).isEqualTo(Outcome.ADMITTED_NOW);
        assertThat(join(sale, 2, "").outcome()).isEqualTo(Outcome.ADMITTED_NOW);
        assertThat(join(sale, 3, "").outcome()).as("both units held by admissions").isEqualTo(Outcome.PLACE);
        assertThat(join(sale, 4, "").outcome()).isEqualTo(Outcome.PLACE);

        // an admin asks for five more at once: still no unit free
        redis.opsForHash().increment(QueueKeys.control(sale.productId()), QueueKeys.CONTROL_ADMIT_NOW, 5).block();
        assertThat(store.admitNow(sale, now).block().admitted()).isZero();
        // the admins learn why: the units ran out first
        assertThat(admitNowResult(sale)).isEqualTo("5:0:UNITS:" + now);
        // a unit comes back (say, an order cancelled): the next admit-now takes exactly one, the front of the line
        redis.opsForHash().put(QueueKeys.sale(sale.productId()), "available", "3").block();
        redis.opsForHash().increment(QueueKeys.control(sale.productId()), QueueKeys.CONTROL_ADMIT_NOW, 5).block();
        assertThat(store.admitNow(sale, now).block().admitted()).isEqualTo(1);
        assertThat(admittedUsers(sale)).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(admitNowResult(sale)).isEqualTo("5:1:UNITS:" + now);

        // units for all, but one shopper left in line; then sold out, and nobody is admitted
        redis.opsForHash().put(QueueKeys.sale(sale.productId()), "available", "100").block();
        redis.opsForHash().increment(QueueKeys.control(sale.productId()), QueueKeys.CONTROL_ADMIT_NOW, 50).block();
        assertThat(store.admitNow(sale, now + 1).block().admitted()).isEqualTo(1);
        assertThat(admitNowResult(sale)).isEqualTo("50:1:LINE:" + (now + 1));
        redis.opsForHash().put(QueueKeys.sale(sale.productId()), "soldOut", "1").block();
        redis.opsForHash().increment(QueueKeys.control(sale.productId()), QueueKeys.CONTROL_ADMIT_NOW, 3).block();
        assertThat(store.admitNow(sale, now + 2).block().admitted()).isZero();
        assertThat(admitNowResult(sale)).isEqualTo("3:0:SOLD_OUT:" + (now + 2));
        assertThat(redis.opsForHash().get(QueueKeys.control(sale.productId()), QueueKeys.CONTROL_ADMIT_NOW).block())
                .as("the count is used up, not kept for when stock comes back").isEqualTo("0");
        redis.opsForHash().putAll(QueueKeys.sale(sale.productId()), Map.of("soldOut", "0", "allHeld", "1")).block();
        redis.opsForHash().increment(QueueKeys.control(sale.productId()), QueueKeys.CONTROL_ADMIT_NOW, 2).block();
        assertThat(store.admitNow(sale, now + 3).block().admitted()).isZero();
        assertThat(admitNowResult(sale)).isEqualTo("2:0:ALL_HELD:" + (now + 3));
    }

    @Test
    void anAdmitNowThatScannedTwentyThousandSilentShoppersSaysSoAndTheNextGoesOn() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(5), Duration.ZERO, 10, 60, 100);
        long id = sale.productId();
        // 20,000 shoppers gone silent at the front (no heartbeat), one live behind them
        List<TypedTuple<String>> silent = new ArrayList<>();
        for (int i = 1; i <= 20_000; i++) {
            silent.add(TypedTuple.of(Integer.toString(i), (double) i));
        }
        redis.opsForZSet().addAll(QueueKeys.line(id), silent).block();
        redis.opsForZSet().add(QueueKeys.line(id), "20001", 20_001).block();
        redis.opsForHash().put(QueueKeys.heartbeats(id), "20001", Long.toString(now)).block();
        redis.opsForHash().put(QueueKeys.stats(id), QueueKeys.STAT_WAITING, "20001").block();

        redis.opsForHash().increment(QueueKeys.control(id), QueueKeys.CONTROL_ADMIT_NOW, 1).block();
        QueueStore.Tick first = store.admitNow(sale, now).block();
        assertThat(first.admitted()).isZero();
        assertThat(first.dropped()).isEqualTo(20_000);
        assertThat(admitNowResult(sale)).isEqualTo("1:0:SCAN:" + now);
        redis.opsForHash().increment(QueueKeys.control(id), QueueKeys.CONTROL_ADMIT_NOW, 1).block();
        assertThat(store.admitNow(sale, now).block().admitted()).isEqualTo(1);
        assertThat(admittedUsers(sale)).containsExactly(20_001L);
        assertThat(admitNowResult(sale)).isEqualTo("1:1:OK:" + now);
    }

    private String admitNowResult(SaleSchedule sale) {
        return (String) redis.opsForHash().get(QueueKeys.control(sale.productId()), QueueKeys.CONTROL_ADMIT_NOW_RESULT).block();
    }

    @Test
    void pauseResumeAdmitNowAndStopActThroughTheControlHash() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 2, 1, 100);
        for (long user = 1; user <= 20; user++) {
            join(sale, user, "");
        }
        SaleSchedule admitting = admittingNow(sale);
        String control = QueueKeys.control(sale.productId());

        redis.opsForHash().put(control, QueueKeys.CONTROL_STATE, "PAUSED").block();
        assertThat(store.admit(admitting, 0, now).block().admitted()).isZero();

        redis.opsForHash().put(control, QueueKeys.CONTROL_STATE, "RUNNING").block();
        assertThat(store.admit(admitting, 1, now).block().admitted()).isEqualTo(2);
        assertThat(admitNowResult(sale)).as("a tick is no admin's count").isNull();

        // an admin's "admit the next N now" acts at once, outside the ticks, and also while the queue is paused
        redis.opsForHash().put(control, QueueKeys.CONTROL_STATE, "PAUSED").block();
        redis.opsForHash().increment(control, QueueKeys.CONTROL_ADMIT_NOW, 5).block();
        assertThat(store.admitNow(admitting, now).block().admitted()).isEqualTo(5);
        assertThat(admitNowResult(sale)).isEqualTo("5:5:OK:" + now);
        assertThat(store.admitNow(admitting, now).block().ran()).as("used once").isFalse();
        assertThat(line(sale)).as("the front of the line went first").startsWith(8L, 9L);
        redis.opsForHash().put(control, QueueKeys.CONTROL_STATE, "RUNNING").block();
        assertThat(store.admit(admitting, 2, now).block().admitted()).as("the next tick admits its own N only").isEqualTo(2);

        redis.opsForHash().put(control, QueueKeys.CONTROL_STATE, "STOPPED").block();
        assertThat(store.admit(admitting, 4, now).block().admitted()).isZero();
        redis.opsForHash().increment(control, QueueKeys.CONTROL_ADMIT_NOW, 5).block();
        assertThat(store.admitNow(admitting, now).block().admitted()).as("nobody after a stop").isZero();
        assertThat(admitNowResult(sale)).isEqualTo("5:0:STOPPED:" + now);
        assertThat(join(sale, 100, "").outcome()).isEqualTo(Outcome.ENDED);
        assertThat(admittedUsers(sale)).hasSize(9);
    }

    @Test
    void twoInstancesTakeAnAdminsAdmitNowOnceWithinASecondNotAtTheNextTick() throws Exception {
        // ticks a minute apart: without the admins' count, nobody would be admitted for a minute
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ZERO, 1, 60, 100);
        for (long user = 1; user <= 20; user++) {
            join(sale, user, "");
        }
        AdmissionTicker one = ticker();
        AdmissionTicker two = ticker();
        // the first joiner was admitted at once, with this minute's one admission
        one.step(sale, now).block();
        two.step(sale, now).block();
        assertThat(admittedUsers(sale)).containsExactly(1L);

        redis.opsForHash().increment(QueueKeys.control(sale.productId()), QueueKeys.CONTROL_ADMIT_NOW, 4).block();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        // each instance asks once a second
        var a = threads.submit(() -> one.step(sale, now + 1_000).block());
        var b = threads.submit(() -> two.step(sale, now + 1_000).block());
        a.get();
        b.get();
        threads.shutdown();
        assertThat(admittedUsers(sale)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        assertThat(stat(sale, QueueKeys.STAT_ADMITTED)).isEqualTo(5L);
    }

    @Test
    void aLiveSaleWhoseTicksAreSlowedOrPostponedKeepsAdmitting() {
        // two-second ticks, ten minutes in (the first joiner is admitted at once, with this tick's one admission)
        long start = now - 600_000;
        SaleSchedule fast = stored(Instant.ofEpochMilli(start), Duration.ZERO, 1, 2, 100);
        for (long user = 1; user <= 20; user++) {
            join(fast, user, "");
        }
        // the next tick, number 301 of this rhythm (everyone keeps polling: the grace here is 2 s)
        stillPolling(fast, now + 2_000);
        assertThat(store.admit(fast, Ticks.tickAt(fast, now + 2_000), now + 2_000).block().admitted()).isEqualTo(1);

        // the seller makes it one every ten seconds: the next tick is number 61 of the new rhythm, and still runs
        SaleSchedule slow = TestSales.sale(fast.productId(), Instant.ofEpochMilli(start), Duration.ZERO, 1, 10, 100);
        stillPolling(fast, now + 10_000);
        assertThat(store.admit(slow, Ticks.tickAt(slow, now + 10_000), now + 10_000).block().admitted()).isEqualTo(1);

        // and admission moved to five minutes after the start: its tick (number 32) runs too
        SaleSchedule later = TestSales.sale(fast.productId(), Instant.ofEpochMilli(start), Duration.ofMinutes(5), 1, 10, 100);
        assertThat(Ticks.tickAt(later, now + 20_000)).isEqualTo(start + 300_000 + 320_000);
        stillPolling(fast, now + 20_000);
        assertThat(store.admit(later, Ticks.tickAt(later, now + 20_000), now + 20_000).block().admitted()).isEqualTo(1);
        assertThat(admittedUsers(fast)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    }

    @Test
    void soldOutAndAllUnitsHeldStopAdmissionsUntilStockComesBack() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 2, 1, 100);
        for (long user = 1; user <= 10; user++) {
            join(sale, user, "");
        }
        SaleSchedule admitting = admittingNow(sale);
        String saleKey = QueueKeys.sale(sale.productId());

        redis.opsForHash().put(saleKey, "allHeld", "1").block();
        assertThat(store.admit(admitting, 0, now).block().status()).isEqualTo("ALL_HELD");
        redis.opsForHash().put(saleKey, "allHeld", "0").block();
        assertThat(store.admit(admitting, 1, now).block().admitted()).isEqualTo(2);

        redis.opsForHash().put(saleKey, "soldOut", "1").block();
        assertThat(store.admit(admitting, 2, now).block().admitted()).isZero();
        assertThat(join(sale, 100, "").outcome()).isEqualTo(Outcome.SOLD_OUT);
    }

    /** A live sale admitting 3 every 10 s, with 20 shoppers holding places (joined before its admission began). */
    private SaleSchedule twentyWaitingForTicksOfThree() {
        SaleSchedule sale = stored(Instant.ofEpochMilli(now).minusSeconds(1), Duration.ofHours(1), 3, 10, 1000);
        for (long user = 1; user <= 20; user++) {
            join(sale, user, "");
        }
        return sale;
    }

    /** The sale's twenty joiners seen at {@code at}. */
    private void stillPolling(SaleSchedule sale, long at) {
        store.heartbeats(sale.productId(), LongStream.rangeClosed(1, 20).boxed().collect(Collectors.toMap(u -> u, u -> at))).block();
    }

    private AdmissionTicker ticker() {
        return ticker(store);
    }

    private AdmissionTicker ticker(QueueStore using) {
        return ticker(using, watermarks());
    }

    private AdmissionTicker ticker(QueueStore using, HeartbeatWatermarks marks) {
        return new AdmissionTicker(schedules, using, history, metrics, properties, marks, Clock.systemUTC());
    }

    /** Marks of this test's own (the context's instance marks the shared key, by the real clock). */
    private HeartbeatWatermarks watermarks() {
        return new HeartbeatWatermarks(redis, properties, "test:flushes:" + java.util.UUID.randomUUID());
    }

    private SaleSchedule stored(Instant start, Duration delay, int batch, int interval, int stock) {
        return TestSales.store(redis, TestSales.sale(TestSales.newProductId(), start, delay, batch, interval, stock));
    }

    /** The same sale as the admission scheduler sees it once admission has begun. */
    private SaleSchedule admittingNow(SaleSchedule s) {
        return TestSales.sale(s.productId(), Instant.ofEpochMilli(now).minusSeconds(1), Duration.ZERO,
                s.admissionBatchSize(), s.admissionIntervalSeconds(), s.totalStock());
    }

    private Joined join(SaleSchedule sale, long user, String ticket) {
        return store.join(sale, user, ticket, now).block();
    }

    private Set<Long> admittedUsers(SaleSchedule sale) {
        return redis.<String, String>opsForHash().keys(QueueKeys.admitted(sale.productId())).map(Long::parseLong)
                .collect(Collectors.toSet()).block();
    }

    /** The line's users, front first. */
    private List<Long> line(SaleSchedule sale) {
        return redis.opsForZSet().range(QueueKeys.line(sale.productId()), Range.unbounded()).map(Long::parseLong)
                .collectList().block();
    }

    /** Members 1,000,000 onwards in the sale's pre-queue, as their joins before the start would have put them. */
    private void fillPrequeue(SaleSchedule sale, int members) {
        String prequeue = QueueKeys.prequeue(sale.productId());
        for (int from = 0; from < members; from += 5_000) {
            redis.opsForSet().add(prequeue, LongStream.range(from, from + 5_000).mapToObj(u -> Long.toString(1_000_000 + u))
                    .toArray(String[]::new)).block();
        }
    }

    private Map<Long, Long> lastSeen(SaleSchedule sale) {
        Map<Long, Long> out = new HashMap<>();
        redis.<String, String>opsForHash().entries(QueueKeys.heartbeats(sale.productId()))
                .doOnNext(e -> out.put(Long.parseLong(e.getKey()), Long.parseLong(e.getValue()))).blockLast();
        return out;
    }

    /** User → the sequence of their place: their score in the line. */
    private Map<Long, Long> places(SaleSchedule sale) {
        Map<Long, Long> out = new HashMap<>();
        redis.opsForZSet().rangeWithScores(QueueKeys.line(sale.productId()), Range.unbounded())
                .doOnNext(t -> out.put(Long.parseLong(t.getValue()), t.getScore().longValue())).blockLast();
        return out;
    }

    private long stat(SaleSchedule sale, String field) {
        String v = redis.<String, String>opsForHash().get(QueueKeys.stats(sale.productId()), field).block();
        return v == null ? 0 : Long.parseLong(v);
    }
}
