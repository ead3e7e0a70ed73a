package dev.astraphe.console.web;

/**
 * A request that is understood but not allowed in the current state (an admin disabling themselves,
 * deciding a company twice). The message key is shown to the user; answered with 409.
 */
public class ActionRefusedException extends RuntimeException {

    private final String messageKey;

    public ActionRefusedException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
