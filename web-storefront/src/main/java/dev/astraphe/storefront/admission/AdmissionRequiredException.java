package dev.astraphe.storefront.admission;

/** The shopper holds no valid admission for the product: they belong in its waiting room. */
public class AdmissionRequiredException extends RuntimeException {

    private final long productId;

    public AdmissionRequiredException(long productId) {
        super("no valid admission for product " + productId);
        this.productId = productId;
    }

    public long productId() {
        return productId;
    }
}
