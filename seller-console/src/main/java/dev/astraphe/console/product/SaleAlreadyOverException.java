package dev.astraphe.console.product;

/** A sale whose window has closed cannot be cancelled: it ran, and its orders stand; the product page says it ended. */
public class SaleAlreadyOverException extends RuntimeException {

    public SaleAlreadyOverException(long productId) {
        super("the sale of product " + productId + " is already over: it cannot be cancelled");
    }
}
