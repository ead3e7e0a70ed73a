package dev.astraphe.storefront.catalog;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A product as a shopper sees it, times already in Asia/Seoul. {@code allHeld}: live, no unit left, but some held by
 * unpaid orders, which may come back (the waiting room keeps taking shoppers meanwhile). {@code calledOff}: ended
 * because its seller cancelled it or an admin stopped it, not because its window closed, so the window it shows was
 * never served to its end.
 */
public record ProductView(
        long id,
        String name,
        String description,
        String categoryName,
        String categoryNameEn,
        String mainImageKey,
        String descriptionImageKey,
        Long listPrice,
        long salePrice,
        Integer discountPercent,
        int available,
        int perShopperLimit,
        Instant startsAt,
        ZonedDateTime startsAtLocal,
        ZonedDateTime endsAtLocal,
        Instant queueOpensAt,
        ZonedDateTime queueOpensAtLocal,
        boolean queueOpen,
        SaleState state,
        boolean allHeld,
        boolean calledOff,
        List<Option> options) {

    public record Option(String name, String value, long extraPrice) {
    }

    public String category(String language) {
        return "en".equals(language) && categoryNameEn != null && !categoryNameEn.isBlank() ? categoryNameEn : categoryName;
    }
}
