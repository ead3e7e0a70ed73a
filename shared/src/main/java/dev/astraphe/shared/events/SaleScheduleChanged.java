package dev.astraphe.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The latest schedule of one product's sale, as JSON on {@link Topics#SALE_SCHEDULES} keyed by product id.
 * The topic is compacted, so each record carries the full state, never a delta; consumers keep the record
 * with the highest {@code scheduleVersion} and ignore older ones (redelivery and re-reads are harmless).
 * Unknown properties are ignored so that an added field does not break older readers within schema 1.
 *
 * <p>{@code mainImageKey} (the product's picture in the image store, null for none) and {@code salePrice} (null when
 * unknown: a record written before they were added) are what the waiting room shows of the product beside its name.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SaleScheduleChanged(
        int schemaVersion,
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
        Instant occurredAt,
        String mainImageKey,
        Long salePrice) {

    public static final int SCHEMA_VERSION = 1;

    /** A schedule without the product's picture and price (as records before they were added). */
    public SaleScheduleChanged(int schemaVersion, long productId, long companyId, String productName, long scheduleVersion,
                               Instant saleStartsAt, Instant saleEndsAt, int admissionBatchSize,
                               int admissionIntervalSeconds, int admissionDelaySeconds, int totalStock,
                               int perShopperLimit, boolean hidden, String saleStatus, Instant occurredAt) {
        this(schemaVersion, productId, companyId, productName, scheduleVersion, saleStartsAt, saleEndsAt, admissionBatchSize,
                admissionIntervalSeconds, admissionDelaySeconds, totalStock, perShopperLimit, hidden, saleStatus, occurredAt,
                null, null);
    }
}
