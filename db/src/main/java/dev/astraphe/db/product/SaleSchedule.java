package dev.astraphe.db.product;

import java.time.Instant;

/** When a sale runs and how fast the waiting room admits: N shoppers every T seconds after a delay. */
public record SaleSchedule(
        Instant startsAt,
        Instant endsAt,
        int admissionBatchSize,
        int admissionIntervalSeconds,
        int admissionDelaySeconds) {

    public static final int DEFAULT_BATCH_SIZE = 10;
    public static final int DEFAULT_INTERVAL_SECONDS = 10;
    public static final int DEFAULT_DELAY_SECONDS = 60;

    public static SaleSchedule startingAt(Instant startsAt, Instant endsAt) {
        return new SaleSchedule(startsAt, endsAt, DEFAULT_BATCH_SIZE, DEFAULT_INTERVAL_SECONDS, DEFAULT_DELAY_SECONDS);
    }

    /** The instant of the first admission tick. */
    public Instant admissionStartsAt() {
        return startsAt.plusSeconds(admissionDelaySeconds);
    }
}
