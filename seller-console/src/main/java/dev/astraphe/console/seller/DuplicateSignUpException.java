package dev.astraphe.console.seller;

/** The e-mail or the business registration number is already registered. */
public class DuplicateSignUpException extends RuntimeException {

    public enum Field { EMAIL, BUSINESS_NUMBER }

    private final Field field;

    DuplicateSignUpException(Field field) {
        super("duplicate " + field);
        this.field = field;
    }

    public Field field() {
        return field;
    }
}
