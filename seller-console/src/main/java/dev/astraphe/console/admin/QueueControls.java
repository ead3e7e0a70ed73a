package dev.astraphe.console.admin;

import dev.astraphe.db.audit.AuditLogEntry;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.shared.queue.QueueKeys;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin's hand on a product's waiting room: pause, resume, stop, or admit the next N now. The
 * waiting room reads the control hash on every tick and cache refresh, so a change acts at once.
 * The audit entry is written in the same transaction; if Redis refuses the change, the entry rolls back.
 */
@Service
public class QueueControls {

    static final int MAX_ADMIT_NOW = 10_000;

    private final StringRedisTemplate redis;
    private final AuditLogRepository audit;
    private final AdminGuard guard;

    QueueControls(StringRedisTemplate redis, AuditLogRepository audit, AdminGuard guard) {
        this.redis = redis;
        this.audit = audit;
        this.guard = guard;
    }

    @Transactional
    public void pause(long actorId, long productId) {
        setState(actorId, productId, QueueState.PAUSED, "QUEUE_PAUSED");
    }

    @Transactional
    public void resume(long actorId, long productId) {
        setState(actorId, productId, QueueState.RUNNING, "QUEUE_RESUMED");
    }

    /** Final for this sale: nobody else is admitted and waiting shoppers are told the sale has ended. */
    @Transactional
    public void stop(long actorId, long productId) {
        setState(actorId, productId, QueueState.STOPPED, "QUEUE_STOPPED");
    }

    @Transactional
    public void admitNow(long actorId, long productId, int count) {
        if (count < 1 || count > MAX_ADMIT_NOW) {
            throw new IllegalArgumentException("admit between 1 and " + MAX_ADMIT_NOW);
        }
        guard.requireAdmin(actorId);
        audit.save(new AuditLogEntry(actorId, "QUEUE_ADMIT_NOW", "PRODUCT", Long.toString(productId), "count=" + count));
        redis.opsForHash().increment(QueueKeys.control(productId), QueueKeys.CONTROL_ADMIT_NOW, count);
    }

    /**
     * Stop is final: a stopped queue's shoppers have been told the sale ended and have stopped polling, so a queue
     * is never set running or paused again once stopped (checked and set in one step, against a concurrent stop).
     */
    private void setState(long actorId, long productId, QueueState state, String action) {
        guard.requireAdmin(actorId);
        audit.save(new AuditLogEntry(actorId, action, "PRODUCT", Long.toString(productId), "state=" + state));
        Long set = redis.execute(SET_STATE, List.of(QueueKeys.control(productId)), QueueKeys.CONTROL_STATE, state.name());
        if (set == null || set == 0) {
            throw new QueueStoppedException(productId); // the audit entry rolls back with the transaction
        }
    }

    /** KEYS: 1 control. ARGV: 1 state field, 2 new state. 0 if the queue was stopped (and stays so), else 1. */
    private static final RedisScript<Long> SET_STATE = RedisScript.of("""
            if redis.call('HGET', KEYS[1], ARGV[1]) == 'STOPPED' then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """, Long.class);

    /** Pause or resume asked of a stopped queue. */
    public static final class QueueStoppedException extends RuntimeException {
        QueueStoppedException(long productId) {
            super("The waiting room of product " + productId + " is stopped; a stop is final");
        }
    }

    /** What an admin can set; absent in Redis means RUNNING. */
    public enum QueueState {
        RUNNING, PAUSED, STOPPED
    }
}
