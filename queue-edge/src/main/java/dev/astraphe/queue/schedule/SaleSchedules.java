package dev.astraphe.queue.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Read side of the materialised schedules, for the waiting room and the admission scheduler. */
@Component
public class SaleSchedules {

    /**
     * Sales that may run longer than this (those without an end among them) are indexed apart
     * ({@link SaleScheduleKeys#LONG_RUNNING}), so that finding the live sales needs only the others that started within
     * this much.
     */
    public static final Duration LONG_SALE = Duration.ofDays(7);

    private final ReactiveStringRedisTemplate redis;

    SaleSchedules(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The latest known schedule of a product; empty if queue-edge has never heard of it. */
    public Mono<SaleSchedule> find(long productId) {
        return redis.<String, String>opsForHash().entries(SaleScheduleKeys.schedule(productId))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .filter(fields -> fields.containsKey("scheduleVersion"))
                .map(SaleSchedules::fromHash);
    }

    /**
     * Product ids whose sale starts within [from, to], earliest first: the whole reply, read before anything else is
     * asked for. Streamed instead, a caller reading each schedule as its id arrived stalled the shared connection: the
     * schedule reads go out on that connection behind the rest of this reply, and Lettuce stops reading a connection
     * while a reply's subscriber has no demand left (its backpressure), which an operator asking for a few ids at a
     * time soon has. Nothing moved until the command timeout (then a minute), with more sales than the operator asked for.
     */
    public Mono<List<Long>> startingBetween(Instant from, Instant to) {
        return redis.opsForZSet()
                .rangeByScore(SaleScheduleKeys.INDEX, Range.closed((double) from.toEpochMilli(), (double) to.toEpochMilli()))
                .map(Long::parseLong)
                .collectList();
    }

    /**
     * Product ids of the sales that may run longer than {@link #LONG_SALE} and have not ended at {@code now} (read
     * whole, as above), started or not.
     */
    public Mono<List<Long>> longRunningAt(Instant now) {
        return longRunning(notEndedAt(now));
    }

    /** Product ids of the sales that may run longer than {@link #LONG_SALE} and ended by {@code endedBy}. */
    public Mono<List<Long>> longRunningEndedBy(Instant endedBy) {
        return longRunning(endedBy(endedBy));
    }

    /** Takes the sales {@link #longRunningEndedBy} finds out of the long-running index; returns how many went. */
    public Mono<Long> forgetLongRunningEndedBy(Instant endedBy) {
        return redis.opsForZSet().removeRangeByScore(SaleScheduleKeys.LONG_RUNNING, endedBy(endedBy));
    }

    private Mono<List<Long>> longRunning(Range<Double> ends) {
        return redis.opsForZSet().rangeByScore(SaleScheduleKeys.LONG_RUNNING, ends).map(Long::parseLong).collectList();
    }

    private static Range<Double> notEndedAt(Instant now) {
        return Range.rightUnbounded(Range.Bound.exclusive((double) now.toEpochMilli()));
    }

    private static Range<Double> endedBy(Instant endedBy) {
        return Range.leftUnbounded(Range.Bound.inclusive((double) endedBy.toEpochMilli()));
    }

    /**
     * The ids of both replies, each once, in order: the sales that started recently and those in the long-running
     * index overlap (a long sale that started recently, or a schedule changed between the two reads).
     */
    public static Mono<Set<Long>> union(Mono<List<Long>> first, Mono<List<Long>> second) {
        return first.zipWith(second, (a, b) -> {
            Set<Long> ids = new LinkedHashSet<>(a);
            ids.addAll(b);
            return ids;
        });
    }

    private static SaleSchedule fromHash(Map<String, String> h) {
        String endsAt = h.get("saleEndsAt");
        return new SaleSchedule(
                Long.parseLong(h.get("productId")),
                Long.parseLong(h.get("companyId")),
                h.get("productName"),
                Long.parseLong(h.get("scheduleVersion")),
                Instant.ofEpochMilli(Long.parseLong(h.get("saleStartsAt"))),
                endsAt == null || endsAt.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(endsAt)),
                Integer.parseInt(h.get("admissionBatchSize")),
                Integer.parseInt(h.get("admissionIntervalSeconds")),
                Integer.parseInt(h.get("admissionDelaySeconds")),
                Integer.parseInt(h.get("totalStock")),
                Integer.parseInt(h.get("perShopperLimit")),
                Boolean.parseBoolean(h.get("hidden")),
                h.get("saleStatus"),
                blankToNull(h.get("mainImageKey")),
                Optional.ofNullable(blankToNull(h.get("salePrice"))).map(Long::valueOf).orElse(null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
