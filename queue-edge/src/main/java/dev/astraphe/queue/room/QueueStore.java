package dev.astraphe.queue.room;

import static dev.astraphe.shared.queue.QueueKeys.LATER_ARRIVALS_OFFSET;

import dev.astraphe.queue.QueueRedis;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The waiting room's Redis model: every write is one Lua script over the product's keys. */
@Component
class QueueStore {

    private static final int HEARTBEAT_CHUNK = 1000;

    /**
     * The longest a scheduled pass (admission ticks, heartbeat writes, the serving cache's refresh) waits for Redis.
     * A pass waits on its thread; without a bound, one reply that never comes (a connection shut down under it)
     * held the scheduler for good, and the application's shutdown with it.
     */
    static final Duration SCHEDULED_PASS_WAIT = Duration.ofSeconds(10);

    private final QueueRedis redis;
    private final RoomProperties properties;
    private final JoinBatches joins;
    private final ConcurrentHashMap<Long, LastJoinCall> joinCalls = new ConcurrentHashMap<>();
    private final Clock clock;

    QueueStore(QueueRedis redis, RoomProperties properties, JoinBatches joins, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.joins = joins;
        this.clock = clock;
    }

    /**
     * Result of a join: what happened and, for a place, its sequence; for an admission, when the shopper was admitted
     * (the admission's identity: asking again within its lifetime gives the same one).
     */
    record Joined(Outcome outcome, long sequence) {
    }

    /** KEPT: the place the shopper already held (a second tab, a join sent again; 0 in the pre-queue), not a join. */
    enum Outcome { PLACE, PREQUEUE, KEPT, ADMITTED, ADMITTED_NOW, TOO_EARLY, SOLD_OUT, ENDED }

    /** Result of a tick: how many were admitted and dropped ({@code ran} false if the tick had already run). */
    record Tick(boolean ran, String status, int admitted, int dropped) {

        /** Redis has a newer schedule than the caller's: nothing was done, and the caller should read it again. */
        boolean stale() {
            return STALE.equals(status);
        }

        /** The pre-queue is being drawn: nothing was done, and the tick is to be asked again once it is drawn. */
        boolean drawing() {
            return DRAWING.equals(status);
        }
    }

    private static final String STALE = "STALE";
    private static final String DRAWING = "DRAWING";
    /** Members read, and places written, per script run of the pre-queue's draw: a few milliseconds of Redis each. */
    static final int DRAW_CHUNK = 5_000;
    /** How long a draw's lock holds without a write: an instance stalled longer loses the draw to the next. */
    private static final Duration DRAW_LOCK = Duration.ofSeconds(10);
    /** Draws begun again because someone slipped into the pre-queue meanwhile, before the pass gives up for now. */
    private static final int DRAW_ATTEMPTS = 3;

    /**
     * The ticket sequence of a join sent again after its answer was lost (an error answer, a dropped connection): the
     * first may have taken a place already, and whatever place the shopper holds is theirs to keep, as with a ticket.
     */
    static final String ANY_PLACE = "*";

    /**
     * Joins the line (see {@link QueueScripts#JOIN}); sent with the product's other joins of the moment.
     * {@code ticketSequence} is the held ticket's sequence, {@code ""} without one, or {@link #ANY_PLACE}.
     */
    Mono<Joined> join(SaleSchedule sale, long userId, String ticketSequence, long now) {
        JoinCall call = joinCall(sale, now);
        return joins.join(sale.productId(), call.keys(), call.common(), Long.toString(userId), Long.toString(now),
                        ticketSequence == null ? "" : ticketSequence)
                .map(reply -> {
                    int colon = reply.indexOf(':');
                    Outcome outcome = Outcome.valueOf(reply.substring(0, colon));
                    // admitted at once: the script wrote this join's time as the admission's
                    return new Joined(outcome, outcome == Outcome.ADMITTED_NOW ? now : Long.parseLong(reply.substring(colon + 1)));
                });
    }

    /** The join script's keys and the arguments every join of a batch shares, for a join at {@code now}. */
    record JoinCall(String[] keys, String[] common) {
    }

    /**
     * The same for every join of a product within one admission tick under the same sale settings: kept per product
     * (the last one made), so that a join neither builds ten key names again nor, in {@link JoinBatches}, compares
     * them one by one with the join before it (the same arrays are equal at once).
     */
    JoinCall joinCall(SaleSchedule sale, long now) {
        long tick = Math.max(Ticks.tickAt(sale, now), 0);
        LastJoinCall last = joinCalls.get(sale.productId());
        if (last != null && last.tick() == tick && (last.sale() == sale || last.sale().equals(sale))) {
            return last.call();
        }
        JoinCall call = newJoinCall(sale, tick);
        joinCalls.put(sale.productId(), new LastJoinCall(sale, tick, call));
        return call;
    }

    private record LastJoinCall(SaleSchedule sale, long tick, JoinCall call) {
    }

    private JoinCall newJoinCall(SaleSchedule sale, long tick) {
        long id = sale.productId();
        String[] keys = {QueueKeys.sale(id), QueueKeys.control(id), QueueKeys.stats(id),
                QueueKeys.sequence(id), QueueKeys.line(id), QueueKeys.heartbeats(id),
                QueueKeys.admitted(id), QueueKeys.prequeue(id), QueueKeys.tickBudget(id, tick),
                QueueKeys.recentAdmissions(id)};
        String[] common = {Long.toString(sale.saleStartsAt().toEpochMilli()), Long.toString(sale.admissionStartsAt().toEpochMilli()),
                Integer.toString(sale.admissionBatchSize()),
                Long.toString(sale.saleStartsAt().toEpochMilli() - properties.prequeueWindow().toMillis()),
                Long.toString(properties.admittedHold().toMillis()), Long.toString(LATER_ARRIVALS_OFFSET),
                Long.toString(budgetTtl(sale))};
        return new JoinCall(keys, common);
    }

    /** Claims tick {@code tick} for the instance named {@code token}; true if it holds the claim (won now or before). */
    Mono<Boolean> claimTick(long productId, long tick, String token, Duration hold) {
        return redis.run(QueueScripts.CLAIM_TICK, List.of(QueueKeys.tickLock(productId, tick)),
                List.of(token, Long.toString(hold.toMillis()))).map("1"::equals);
    }

    /** Gives up a claim made by {@link #claimTick}, so that another instance may run the tick. */
    Mono<Void> releaseTick(long productId, long tick, String token) {
        return redis.run(QueueScripts.RELEASE_TICK, List.of(QueueKeys.tickLock(productId, tick)), List.of(token)).then();
    }

    /** Admission tick {@code tick} (see {@link Ticks}); not run if it, or a later one, already ran. */
    Mono<Tick> admit(SaleSchedule sale, long tick, long now) {
        return admit(sale, tick, now, properties.grace());
    }

    /** The same, dropping shoppers silent for longer than {@code grace} (see {@link HeartbeatWatermarks}). */
    Mono<Tick> admit(SaleSchedule sale, long tick, long now, Duration grace) {
        return admit(sale, tick, now, grace, "tick");
    }

    /**
     * The admins' "admit the next N now", if one is waiting: at once, by whichever instance asks first. The current
     * tick's budget key goes with it only because the script takes one; this mode neither reads nor counts against it.
     */
    Mono<Tick> admitNow(SaleSchedule sale, long now) {
        return admitNow(sale, now, properties.grace());
    }

    Mono<Tick> admitNow(SaleSchedule sale, long now, Duration grace) {
        return admit(sale, Math.max(Ticks.tickAt(sale, now), 0), now, grace, "now");
    }

    private Mono<Tick> admit(SaleSchedule sale, long tick, long now, Duration grace, String mode) {
        long id = sale.productId();
        List<String> keys = List.of(QueueKeys.sale(id), QueueKeys.control(id), QueueKeys.stats(id), QueueKeys.line(id),
                QueueKeys.heartbeats(id), QueueKeys.admitted(id), QueueKeys.tickBudget(id, tick),
                QueueKeys.recentAdmissions(id), QueueKeys.prequeue(id));
        List<String> args = List.of(Long.toString(tick), Long.toString(now), Long.toString(grace.toMillis()),
                Integer.toString(sale.admissionBatchSize()), Long.toString(properties.admittedHold().toMillis()),
                Long.toString(budgetTtl(sale)), mode, Long.toString(sale.scheduleVersion()));
        return redis.run(QueueScripts.ADMIT, keys, args).map(reply -> {
            String[] parts = reply.split(":");
            boolean ran = !"SKIP".equals(parts[0]) && !"NONE".equals(parts[0]) && !STALE.equals(parts[0])
                    && !DRAWING.equals(parts[0]);
            return new Tick(ran, parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        });
    }

    /**
     * Draws the pre-queue of {@code sale}: ranks its members, in an order drawn with {@code random}, ahead of later
     * arrivals (see {@link QueueScripts#DRAW_BEGIN}). Returns how many it ranked, -1 if the draw was done already, -2 if
     * Redis knows the product's sale to start at another instant and no draw had begun at this one (the caller saw an
     * older schedule, and the draw is the next sale's, at its own start), or the waiting room was removed meanwhile
     * (sold again), or -3 if another instance is drawing it. A draw begun goes on through a postponement.
     */
    Mono<Long> draw(SaleSchedule sale, String token, Random random) {
        return draw(sale, token, random, 1);
    }

    private Mono<Long> draw(SaleSchedule sale, String token, Random random, int attempt) {
        List<String> keys = drawKeys(sale.productId());
        return redis.run(QueueScripts.DRAW_BEGIN, keys, drawArgs(sale, token)).map(Long::parseLong).flatMap(size -> {
            if (size < 0) {
                return Mono.just(size);
            }
            return members(keys, sale, token, "0", new LinkedHashSet<>((int) Math.min(size * 2, 1 << 24)))
                    .flatMap(members -> {
                        List<String> drawn = new ArrayList<>(members);
                        Collections.shuffle(drawn, random);
                        return write(keys, sale, token, drawn, 0)
                                .then(redis.run(QueueScripts.DRAW_DONE, keys, drawArgs(sale, token, Integer.toString(drawn.size()))))
                                .map(Long::parseLong);
                    })
                    .flatMap(done -> done == -4 && attempt < DRAW_ATTEMPTS ? draw(sale, token, random, attempt + 1) : Mono.just(done))
                    .flatMap(done -> done == -4
                            ? Mono.error(new IllegalStateException("the pre-queue of product " + sale.productId()
                                    + " kept changing while it was drawn; drawn again on the next pass"))
                            : Mono.just(done));
        });
    }

    /** Every member of the pre-queue, a page at a time (a member SSCAN returns twice is kept once). */
    private Mono<Set<String>> members(List<String> keys, SaleSchedule sale, String token, String cursor, Set<String> into) {
        return redis.runForList(QueueScripts.DRAW_READ, keys.toArray(String[]::new),
                        drawArgs(sale, token, cursor, Integer.toString(DRAW_CHUNK)).toArray(String[]::new))
                .flatMap(page -> {
                    if ("LOST".equals(page.getFirst())) {
                        // taken over after a stall: the instance holding the draw now draws it whole
                        return Mono.error(new IllegalStateException("draw of product " + sale.productId() + " lost"));
                    }
                    into.addAll(page.subList(1, page.size()));
                    return "0".equals(page.getFirst()) ? Mono.just(into) : members(keys, sale, token, page.getFirst(), into);
                });
    }

    /** The drawn order's places from {@code from} on (place {@code from + 1} is the first), a chunk per script run. */
    private Mono<Void> write(List<String> keys, SaleSchedule sale, String token, List<String> drawn, int from) {
        if (from >= drawn.size()) {
            return Mono.empty();
        }
        int to = Math.min(drawn.size(), from + DRAW_CHUNK);
        List<String> args = drawArgs(sale, token, Integer.toString(from + 1));
        args.addAll(drawn.subList(from, to));
        return redis.run(QueueScripts.DRAW_WRITE, keys, args).flatMap(reply -> {
            long placed = Long.parseLong(reply);
            if (placed < 0) {
                // the draw is no longer this instance's (done, a new schedule, or taken over after a stall)
                return Mono.error(new IllegalStateException("draw of product " + sale.productId() + " given up: " + placed));
            }
            return write(keys, sale, token, drawn, to);
        });
    }

    private static List<String> drawKeys(long productId) {
        return List.of(QueueKeys.stats(productId), QueueKeys.prequeue(productId), QueueKeys.line(productId),
                QueueKeys.sale(productId), QueueKeys.drawLock(productId));
    }

    private static List<String> drawArgs(SaleSchedule sale, String token, String... more) {
        List<String> args = new ArrayList<>(List.of(Long.toString(sale.saleStartsAt().toEpochMilli()), token,
                Long.toString(DRAW_LOCK.toMillis())));
        args.addAll(List.of(more));
        return args;
    }

    Mono<Void> heartbeats(long productId, Map<Long, Long> lastSeen) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        for (Map.Entry<Long, Long> e : lastSeen.entrySet()) {
            chunk.add(Long.toString(e.getValue()));
            chunk.add(Long.toString(e.getKey()));
            if (chunk.size() >= HEARTBEAT_CHUNK * 2) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        List<String> keys = List.of(QueueKeys.heartbeats(productId));
        return Flux.fromIterable(chunks).concatMap(args -> redis.run(QueueScripts.HEARTBEATS, keys, args)).then();
    }

    /**
     * When the user was admitted (epoch millis), if that admission is still within its lifetime and was made in this
     * sale (not before its start was postponed past it: the storefront refuses such an admission); empty if not.
     */
    Mono<Long> admittedAt(SaleSchedule sale, long userId, long now) {
        long start = sale.saleStartsAt().toEpochMilli();
        return redis.hget(QueueKeys.admitted(sale.productId()), Long.toString(userId))
                .map(Long::parseLong)
                .filter(at -> now < at - at % 1000 + properties.admittedHold().toMillis() && at >= start);
    }

    /** The sequence of the place the user holds, if any (after the pre-queue shuffle): their score in the line. */
    Mono<Long> placeOf(long productId, long userId) {
        return redis.zscore(QueueKeys.line(productId), Long.toString(userId)).map(Double::longValue);
    }

    Mono<QueueSnapshot> snapshot(long productId) {
        List<String> keys = List.of(QueueKeys.stats(productId), QueueKeys.control(productId), QueueKeys.sale(productId),
                QueueKeys.recentAdmissions(productId), QueueKeys.line(productId));
        List<String> args = List.of(Long.toString(clock.millis()), Long.toString(properties.admittedHold().toMillis()));
        return redis.run(QueueScripts.SNAPSHOT, keys, args).map(QueueSnapshot::parse);
    }

    /** A tick's budget counter lives a little longer than the tick, for admit-at-once joins within it. */
    private static long budgetTtl(SaleSchedule sale) {
        return sale.admissionIntervalSeconds() * 2000L + 60_000L;
    }
}
