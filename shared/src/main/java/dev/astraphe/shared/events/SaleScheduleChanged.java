package dev.astraphe.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The latest schedule of one product's sale, as JSON on {@link Topics#SALE_SCHEDULES} keyed by product id.
 * The topic is compacted, so each record carries the full state, never a delta; consumers keep the record
 * with the highest {@code scheduleVersion} and ignore older ones (redelivery and re-reads are harmless).
 * Unknown properties are ignored so that an added field does not break older readers within schema 1.
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
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;
}
