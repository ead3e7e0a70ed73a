package dev.astraphe.storefront.web;

/** Something the request names does not exist, or does not belong to the current user (same answer for both). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
