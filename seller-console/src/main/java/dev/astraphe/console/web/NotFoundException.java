package dev.astraphe.console.web;

/** An id in a URL or form that names nothing the current user may see: answered with the 404 page. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
