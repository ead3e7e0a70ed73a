package dev.astraphe.console.product;

import dev.astraphe.db.product.ProductDetails;
import dev.astraphe.db.product.SaleSchedule;

/** What a seller fills in to put a product on sale. */
public record NewProduct(ProductDetails details, int totalStock, SaleSchedule schedule) {
}
