package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.QueueRedis;
import dev.astraphe.queue.WaitingRoomContext;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.shared.queue.QueueKeys;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Joins sent together decide exactly what the same joins sent one at a time decide: the same answers and the same
 * line, heartbeats, admissions, sequence and figures in Redis. Compared on two products with the same sale,
 * one fed a whole sequence of joins as one batch, the other one join per script run.
 */
@WaitingRoomContext
class JoinBatchesTest {

    @Autowired QueueStore store;
    @Autowired QueueRedis queueRedis;
    @Autowired ReactiveStringRedisTemplate redis;
    @Autowired MeterRegistry registry;

    private final long now = System.currentTimeMillis();

    @Test
    void aBatchWhileAdmittingDecidesLikeTheSameJoinsOneAtATime() {
        // admission began: the first joins into an empty line are admitted at once (three per tick), then places,
        // with re-entries, second tabs and repeated shoppers mixed in
        sameOutcomeBatchedAndAlone(start -> TestSales.sale(TestSales.newProductId(), start, Duration.ZERO, 3, 60, 100),
                Instant.ofEpochMilli(now).minusSeconds(5), now, 17, "ADMITTED_NOW", "ADMITTED", "PLACE");
    }

    @Test
    void aBatchInAFullLineDecidesLikeTheSameJoinsOneAtATime() {
        List<String> together = sameOutcomeBatchedAndAlone(
                start -> TestSales.sale(TestSales.newProductId(), start, Duration.ofHours(1), 3, 60, 100),
                Instant.ofEpochMilli(now).minusSeconds(5), now, 23, "PLACE", "KEPT");
        // and what both decide is the rule itself, not merely the same mistake twice
        assertThat(together).isEqualTo(inALineAdmittingLater(joins(new Random(23), now)));
    }

    /**
     * The rule for a line whose admissions are still to come, with no pre-queue: a ticket naming the shopper's place
     * keeps it; anything else (no ticket, another place, "0") is a first join or a re-entry, the next place at the
     * back. Places start after the pre-queue's offset.
     */
    private static List<String> inALineAdmittingLater(List<String[]> joins) {
        Map<String, Long> places = new HashMap<>();
        long last = QueueKeys.LATER_ARRIVALS_OFFSET;
        List<String> replies = new ArrayList<>();
        for (String[] join : joins) {
            Long place = places.get(join[0]);
            if (place != null && join[2].equals(place.toString())) {
                replies.add("KEPT:" + place);
            } else {
                places.put(join[0], ++last);
                replies.add("PLACE:" + last);
            }
        }
        return replies;
    }

    @Test
    void aBatchInThePreQueueDecidesLikeTheSameJoinsOneAtATime() {
        // ten minutes before the start: inside the pre-queue window
        sameOutcomeBatchedAndAlone(start -> TestSales.sale(TestSales.newProductId(), start, Duration.ZERO, 3, 60, 100),
                Instant.ofEpochMilli(now).plus(Duration.ofMinutes(5)), now, 31, "PREQUEUE", "KEPT");
    }

    @Test
    void joinsArrivingTogetherTravelTogetherEachWithItsOwnPlace() {
        SaleSchedule sale = TestSales.store(redis, TestSales.sale(TestSales.newProductId(), Instant.ofEpochMilli(now).minusSeconds(1),
                Duration.ofHours(1), 1, 60, 100));
        double batchesBefore = batches().count();
        Map<Long, Long> sequences = new ConcurrentHashMap<>();

        Flux.range(1, 600).flatMap(user -> store.join(sale, user, "", now).doOnNext(j -> sequences.put((long) user, j.sequence())), 600)
                .subscribeOn(Schedulers.parallel()).blockLast();

        assertThat(sequences).hasSize(600);
        // submitted one after another from one thread: places in exactly that order, batch after batch, no gaps
        for (long user = 2; user <= 600; user++) {
            assertThat(sequences.get(user)).as("place of shopper %d, who joined right after %d", user, user - 1)
                    .isEqualTo(sequences.get(user - 1) + 1);
        }
        assertThat(batches().count() - batchesBefore).as("script runs for 600 joins sent at once").isLessThan(600);
        assertThat(batches().max()).isGreaterThan(1);
        assertThat(redis.opsForZSet().size(QueueKeys.line(sale.productId())).block()).isEqualTo(600);
    }

    private DistributionSummary batches() {
        return registry.get("astraphe.queue.join.batch").summary();
    }

    /** Returns the batch's answers. */
    private List<String> sameOutcomeBatchedAndAlone(Function<Instant, SaleSchedule> sale, Instant start, long at, long seed,
                                                    String... outcomes) {
        SaleSchedule batched = TestSales.store(redis, sale.apply(start));
        SaleSchedule alone = TestSales.store(redis, sale.apply(start));
        List<String[]> joins = joins(new Random(seed), at);

        List<String> together = run(batched, joins);
        List<String> oneByOne = new ArrayList<>();
        for (String[] join : joins) {
            oneByOne.addAll(run(alone, List.<String[]>of(join)));
        }

        assertThat(together).isEqualTo(oneByOne);
        assertThat(together.stream().map(reply -> reply.split(":")[0]).distinct()).containsExactlyInAnyOrder(outcomes);
        assertThat(state(batched)).isEqualTo(state(alone));
        return together;
    }

    /** Sixty joins of eight shoppers: without a ticket (a first join or a re-entry), with a guessed place, with "0". */
    private static List<String[]> joins(Random random, long at) {
        String[] held = {"", "", "", "0", "1000000002", "1000000004"};
        List<String[]> joins = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            joins.add(new String[] {Integer.toString(1 + random.nextInt(8)), Long.toString(at + i), held[random.nextInt(held.length)]});
        }
        return joins;
    }

    private List<String> run(SaleSchedule sale, List<String[]> joins) {
        QueueStore.JoinCall call = store.joinCall(sale, now);
        List<String> args = new ArrayList<>(List.of(call.common()));
        joins.forEach(join -> args.addAll(List.of(join)));
        return queueRedis.runForList(QueueScripts.JOIN, call.keys(), args.toArray(String[]::new)).block();
    }

    /** Every key the join script writes, read back, without the product id in it. */
    private Map<String, Object> state(SaleSchedule sale) {
        long id = sale.productId();
        Map<String, Object> state = new TreeMap<>();
        state.put("line", redis.opsForZSet().rangeWithScores(QueueKeys.line(id), Range.unbounded())
                .map(t -> t.getValue() + "=" + t.getScore().longValue()).collectList().block());
        state.put("seen", new TreeMap<>(redis.<String, String>opsForHash().entries(QueueKeys.heartbeats(id))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block()));
        state.put("admitted", new TreeMap<>(redis.<String, String>opsForHash().entries(QueueKeys.admitted(id))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block()));
        state.put("stats", new TreeMap<>(redis.<String, String>opsForHash().entries(QueueKeys.stats(id))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block()));
        state.put("prequeue", new TreeSet<>(redis.opsForSet().members(QueueKeys.prequeue(id)).collectList().block()));
        state.put("sequence", String.valueOf(redis.opsForValue().get(QueueKeys.sequence(id)).block()));
        state.put("recent", redis.opsForZSet().size(QueueKeys.recentAdmissions(id)).block());
        return state;
    }
}
