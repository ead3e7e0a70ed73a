package dev.astraphe.storefront.account;

/** Another account already uses this e-mail. */
public class DuplicateEmailException extends Exception {

    public DuplicateEmailException(String email) {
        super("e-mail already registered: " + email);
    }
}
