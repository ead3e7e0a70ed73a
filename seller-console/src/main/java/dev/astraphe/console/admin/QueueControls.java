package dev.astraphe.console.admin;

import dev.astraphe.console.product.ScheduleEvents;
import dev.astraphe.db.audit.AuditLogEntry;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.db.product.SaleStatus;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin's hand on a product's waiting room: pause, resume, stop, or admit the next N now. The waiting room reads
 * the control hash on every tick and cache refresh, so a change acts at once. The audit entry is written in the same
 * transaction; if Redis refuses the change (checked and made in one script), the entry rolls back: the log holds
 * what happened, not what was asked. The database's part is written (flushed) before Redis is asked, so that what
 * can fail there (a product another transaction changed meanwhile) fails before the waiting room acts: Redis cannot
 * take part in the transaction, and a change it made would outlive a rollback, unaudited.
 *
 * <p>A stop is also the sale's own status ({@link SaleStatus#STOPPED}, published on the schedule topic like a
 * seller's change), so the storefront and the seller's pages show the sale as ended, not only the waiting room.
 */
@Service
public class QueueControls {

    static final int MAX_ADMIT_NOW = 10_000;

    private final StringRedisTemplate redis;
    private final AuditLogRepository audit;
    private final AdminGuard guard;
    private final ProductRepository products;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    /**
     * How long an admission holds a unit, when a sale does not say ({@link QueueKeys#SALE_ADMITTED_HOLD_MS}: queue-edge
     * writes its own setting with every sale it stores, and that one counts): queue-edge's
     * {@code astraphe.queue.admitted-hold}, read by the controls and the board alike.
     */
    static final String ADMITTED_HOLD = "${astraphe.queue.admitted-hold:10m}";

    private final Duration admittedHold;

    QueueControls(StringRedisTemplate redis, AuditLogRepository audit, AdminGuard guard, ProductRepository products,
                  ApplicationEventPublisher events, @Value(ADMITTED_HOLD) Duration admittedHold) {
        this.redis = redis;
        this.audit = audit;
        this.guard = guard;
        this.products = products;
        this.events = events;
        this.admittedHold = admittedHold;
    }

    @Transactional
    public void pause(long actorId, long productId) {
        requireOk(setState(actorId, queueOf(actorId, productId), QueueState.PAUSED, "QUEUE_PAUSED"));
    }

    @Transactional
    public void resume(long actorId, long productId) {
        requireOk(setState(actorId, queueOf(actorId, productId), QueueState.RUNNING, "QUEUE_RESUMED"));
    }

    /**
     * Final for this sale: nobody else is admitted, waiting shoppers are told the sale was called off, and so is the
     * shop.
     */
    @Transactional
    public void stop(long actorId, long productId) {
        Product product = queueOf(actorId, productId);
        product.changeSaleStatus(SaleStatus.STOPPED, actorId);
        events.publishEvent(ScheduleEvents.of(product, clock.instant()));
        String answer = setState(actorId, product, QueueState.STOPPED, "QUEUE_STOPPED");
        // a queue stopped already whose sale is not (queueOf refuses a stopped sale): a stop whose database write
        // failed once; this one finishes it
        if (!"UNCHANGED".equals(answer)) {
            requireOk(answer);
        }
    }

    /**
     * Admits the next {@code count} shoppers at once, outside the ticks: only while the sale is open and can admit
     * (started, not ended, stopped, hidden, sold out or with every unit held) and somebody is waiting, else the count
     * would be taken and thrown away by queue-edge, or wait unseen and act whenever the sale came back, while the
     * admin was told (and the audit log said) that shoppers were let in.
     */
    @Transactional
    public void admitNow(long actorId, long productId, int count) {
        if (count < 1 || count > MAX_ADMIT_NOW) {
            throw new IllegalArgumentException("admit between 1 and " + MAX_ADMIT_NOW);
        }
        Product product = queueOf(actorId, productId);
        audit.save(new AuditLogEntry(actorId, "QUEUE_ADMIT_NOW", "PRODUCT", Long.toString(productId), product.getName(),
                "count=" + count));
        products.flush();
        String answer = redis.execute(ADMIT_NOW, List.of(QueueKeys.control(product.getId()), QueueKeys.sale(product.getId()),
                        QueueKeys.recentAdmissions(product.getId()), QueueKeys.stats(product.getId())),
                Integer.toString(count), Long.toString(clock.millis()), Long.toString(admittedHold.toMillis()));
        requireOk(answer); // else the audit entry rolls back
    }

    /**
     * The admin, checked, and the product whose queue they act on. A cancelled sale, or one whose end has passed, has no
     * queue left to act on: a control hash written for it would steer nothing (and linger), and a stop would change the
     * status of a sale that is over. A stopped sale is final, also once its waiting room (and the control hash saying
     * so) has been removed, an hour after the stop.
     */
    private Product queueOf(long actorId, long productId) {
        guard.requireAdmin(actorId);
        Product product = products.findById(productId).orElseThrow(() -> new Refused(Reason.UNKNOWN));
        if (product.getSaleStatus() == SaleStatus.STOPPED) {
            throw new Refused(Reason.STOPPED);
        }
        Instant endsAt = product.getSaleEndsAt();
        if (product.getSaleStatus() == SaleStatus.CANCELLED || (endsAt != null && !endsAt.isAfter(clock.instant()))) {
            throw new Refused(Reason.ENDED);
        }
        return product;
    }

    /**
     * Stop is final: a stopped queue's shoppers have been told the sale was called off and have stopped polling, so a
     * queue is never set running or paused again once stopped (checked and set in one step, against a concurrent stop).
     * Asking for the state the queue is already in changes nothing and is not audited.
     */
    private String setState(long actorId, Product product, QueueState state, String action) {
        String productId = Long.toString(product.getId());
        audit.save(new AuditLogEntry(actorId, action, "PRODUCT", productId, product.getName(), "state=" + state));
        products.flush(); // the database's part first (see the class comment)
        return redis.execute(SET_STATE, List.of(QueueKeys.control(product.getId())), QueueKeys.CONTROL_STATE, state.name());
    }

    /** Refused with the script's reason unless it answered OK (the transaction, and its audit entry, roll back). */
    private static void requireOk(String answer) {
        if (!"OK".equals(answer)) {
            throw new Refused(answer == null ? Reason.UNKNOWN : Reason.valueOf(answer));
        }
    }

    /** KEYS: 1 control. ARGV: 1 state field, 2 new state. OK, STOPPED (it was, and stays so) or UNCHANGED. */
    private static final RedisScript<String> SET_STATE = RedisScript.of("""
            local state = redis.call('HGET', KEYS[1], ARGV[1]) or 'RUNNING'
            if state == ARGV[2] then return 'UNCHANGED' end
            if state == 'STOPPED' then return 'STOPPED' end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 'OK'
            """, String.class);

    /**
     * KEYS: 1 control, 2 the sale as queue-edge has it, 3 the admissions still holding units, 4 the queue's figures
     * (the same slot; its {@code waiting} is kept by queue-edge's scripts as shoppers join, are admitted and dropped).
     * ARGV: 1 count, 2 now (epoch millis), 3 how long an admission holds its unit (ms; the sale's own
     * {@link QueueKeys#SALE_ADMITTED_HOLD_MS} first). Adds the count for queue-edge to
     * take, or answers why not: the reasons queue-edge would take it and admit nobody. Every unit taken by admissions
     * not yet lapsed counts as all held too: the order pipeline's flag comes only with orders.
     */
    private static final RedisScript<String> ADMIT_NOW = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'state') == 'STOPPED' then return 'STOPPED' end
            local sale = redis.call('HMGET', KEYS[2], 'saleStartsAt', 'saleEndsAt', 'hidden', 'saleStatus', 'soldOut', 'allHeld',
              'available', 'totalStock', 'admittedHoldMs')
            if not sale[1] then return 'UNKNOWN' end
            local now = tonumber(ARGV[2])
            if tonumber(sale[1]) > now then return 'NOT_STARTED' end
            if (sale[4] and sale[4] ~= 'SCHEDULED') or (sale[2] and tonumber(sale[2]) <= now) then return 'ENDED' end
            if sale[3] == 'true' then return 'HIDDEN' end
            if sale[5] == '1' then return 'SOLD_OUT' end
            if sale[6] == '1' then return 'ALL_HELD' end
            local available = tonumber(sale[7] or sale[8] or '')
            -- the hold queue-edge counts by, as it wrote it with the sale; this app's own setting only before it has
            local hold = tonumber(sale[9] or ARGV[3])
            if available and redis.call('ZCOUNT', KEYS[3], '(' .. (now - hold), '+inf') >= available then
              return 'ALL_HELD'
            end
            if tonumber(redis.call('HGET', KEYS[4], 'waiting') or '0') <= 0 then return 'NOBODY_WAITING' end
            redis.call('HINCRBY', KEYS[1], 'admitNow', ARGV[1])
            return 'OK'
            """, String.class);

    /** Why an action was not taken; each has its message ({@link #messageKey}). */
    public enum Reason {
        /** No such product, or queue-edge has not learnt its sale yet. */
        UNKNOWN,
        STOPPED,
        UNCHANGED,
        NOT_STARTED,
        ENDED,
        HIDDEN,
        SOLD_OUT,
        ALL_HELD,
        NOBODY_WAITING;

        String messageKey() {
            return "admin.queues.refused." + name().toLowerCase(Locale.ROOT);
        }
    }

    /** The action was refused for {@link #reason()}; nothing was written or audited. */
    public static final class Refused extends RuntimeException {

        private final Reason reason;

        Refused(Reason reason) {
            super("queue action refused: " + reason);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** What an admin can set; absent in Redis means RUNNING. */
    public enum QueueState {
        RUNNING, PAUSED, STOPPED
    }
}
