package dev.astraphe.console.product;

import dev.astraphe.db.product.Product;
import dev.astraphe.shared.events.SaleScheduleChanged;
import java.time.Instant;

/** The full schedule state of a product, as the compacted topic carries it, with what the waiting room shows of it. */
public final class ScheduleEvents {

    private ScheduleEvents() {
    }

    public static SaleScheduleChanged of(Product product, Instant now) {
        return new SaleScheduleChanged(
                SaleScheduleChanged.SCHEMA_VERSION,
                product.getId(),
                product.getCompanyId(),
                product.getName(),
                product.getScheduleVersion(),
                product.getSaleStartsAt(),
                product.getSaleEndsAt(),
                product.getAdmissionBatchSize(),
                product.getAdmissionIntervalSeconds(),
                product.getAdmissionDelaySeconds(),
                product.getTotalStock(),
                product.getPerShopperLimit(),
                product.isHidden(),
                product.getSaleStatus().name(),
                now,
                product.getMainImageKey(),
                product.getSalePrice());
    }
}
