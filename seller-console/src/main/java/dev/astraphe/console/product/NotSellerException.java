package dev.astraphe.console.product;

/** The account is missing, disabled, not a seller, or not attached to a company. */
public class NotSellerException extends RuntimeException {

    public NotSellerException(long accountId) {
        super("account " + accountId + " is not an active seller of a company");
    }
}
