package dev.astraphe.queue.room;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the waiting room behaves.
 *
 * @param prequeueWindow how long before the start arrivals join the pre-queue (shuffled at the start)
 * @param grace          shoppers silent for longer are dropped when they reach the front
 * @param admittedHold   how long an admission counts against the available units: the admission cookie's
 *                       lifetime, after which an admitted shopper who did not order frees their unit for
 *                       the next tick. Admissions are not purchases, so a tick admits at most
 *                       {@code available - admissions made within this window}.
 * @param tickPeriod     how often each instance looks for a tick to claim (the ticks themselves are every T)
 * @param cacheRefresh   how often the per-product "now serving" cache is re-read from Redis
 * @param heartbeatFlush how often batched poll heartbeats are written
 * @param admissionTicks whether this instance runs admission ticks at all (tests drive them by hand), and the
 *                       removal of finished queues with them
 * @param keepFinished   how long after a sale's end its waiting room stays in Redis (its history stays longer)
 * @param cleanupPeriod  how often finished waiting rooms are looked for
 * @param joinPatience   how long the waiting room's page waits for a join's answer before sending it again, marked as
 *                       a retry (which keeps any place the first took): a join the server answers within its Redis
 *                       command timeout, so one unanswered for this long was lost on the way
 */
@ConfigurationProperties("astraphe.queue")
record RoomProperties(
        @DefaultValue("10m") Duration prequeueWindow,
        @DefaultValue("5m") Duration grace,
        @DefaultValue("10m") Duration admittedHold,
        @DefaultValue("200ms") Duration tickPeriod,
        @DefaultValue("250ms") Duration cacheRefresh,
        @DefaultValue("1s") Duration heartbeatFlush,
        @DefaultValue("true") boolean admissionTicks,
        @DefaultValue("1h") Duration keepFinished,
        @DefaultValue("10m") Duration cleanupPeriod,
        @DefaultValue("30s") Duration joinPatience) {
}
