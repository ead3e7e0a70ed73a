package dev.astraphe.queue.schedule;

import java.time.Instant;

/**
 * A product's sale schedule as queue-edge knows it (materialised from the schedule topic), with what the waiting room
 * shows of the product: its name, its main picture's key in the storefront's image store and its price (each null
 * when the schedule did not say).
 */
public record SaleSchedule(
        long productId,
        long companyId,
        String productName,
        long scheduleVersion,
        Instant saleStartsAt,
        Instant saleEndsAt,
        int admissionBatchSize,
        int admissionIntervalSeconds,
        int admissionDelaySeconds,
        int totalStock,
        int perShopperLimit,
        boolean hidden,
        String saleStatus,
        String mainImageKey,
        Long salePrice) {

    /** A schedule that says nothing of the product's picture and price. */
    public SaleSchedule(long productId, long companyId, String productName, long scheduleVersion, Instant saleStartsAt,
                        Instant saleEndsAt, int admissionBatchSize, int admissionIntervalSeconds, int admissionDelaySeconds,
                        int totalStock, int perShopperLimit, boolean hidden, String saleStatus) {
        this(productId, companyId, productName, scheduleVersion, saleStartsAt, saleEndsAt, admissionBatchSize,
                admissionIntervalSeconds, admissionDelaySeconds, totalStock, perShopperLimit, hidden, saleStatus, null, null);
    }

    /** {@link #saleStatus} of a cancelled sale: final, and its waiting room goes at once. */
    public static final String CANCELLED = "CANCELLED";
    /** {@link #saleStatus} of a sale an admin stopped: final, and its waiting room goes an hour after the stop. */
    public static final String STOPPED = "STOPPED";

    /** Whether shoppers may queue for it at all: visible and not cancelled or stopped. */
    public boolean isQueueable() {
        return !hidden && isScheduled();
    }

    /** Not cancelled or stopped (whether hidden or not). */
    public boolean isScheduled() {
        return "SCHEDULED".equals(saleStatus);
    }

    public boolean isCancelled() {
        return CANCELLED.equals(saleStatus);
    }

    /** Stopped by an admin: final for this sale (moving its start sells the product again). */
    public boolean isStopped() {
        return STOPPED.equals(saleStatus);
    }

    public boolean hasEndedAt(Instant now) {
        return saleEndsAt != null && !now.isBefore(saleEndsAt);
    }

    /** The instant of the first admission tick. */
    public Instant admissionStartsAt() {
        return saleStartsAt.plusSeconds(admissionDelaySeconds);
    }
}
