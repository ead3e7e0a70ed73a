package dev.astraphe.console.product;

/**
 * The product does not exist or belongs to another company. Both cases read the same, so a seller cannot
 * probe which product ids exist.
 */
public class NotOwnerException extends RuntimeException {

    private final long productId;

    public NotOwnerException(long productId) {
        super("product " + productId + " is not one of this seller's products");
        this.productId = productId;
    }

    public long productId() {
        return productId;
    }
}
