package dev.astraphe.storefront.account;

/** The current password given to confirm a sensitive change did not match. */
public class WrongPasswordException extends Exception {

    public WrongPasswordException() {
        super("current password does not match");
    }
}
