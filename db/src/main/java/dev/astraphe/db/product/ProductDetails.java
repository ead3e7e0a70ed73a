package dev.astraphe.db.product;

/** The descriptive part of a product that a seller edits; prices are integer KRW. */
public record ProductDetails(
        Long categoryId,
        String name,
        String description,
        Long listPrice,
        long salePrice,
        int perShopperLimit) {
}
