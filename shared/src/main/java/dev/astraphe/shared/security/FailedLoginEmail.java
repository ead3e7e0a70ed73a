package dev.astraphe.shared.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The e-mail typed into a login that failed, for the login page shown next, so that only the password is typed again.
 * It waits in the session the login form already has (its CSRF token lives there), not in the page's address, which
 * servers and browsers keep in logs and history; the page takes it out when it shows it.
 */
public final class FailedLoginEmail {

    static final String ATTRIBUTE = "astraphe.failedLoginEmail";
    private static final int MAX_LENGTH = 254;

    private FailedLoginEmail() {
    }

    /** From a failed login's {@code username} field. */
    public static void remember(HttpServletRequest request) {
        String typed = request.getParameter("username");
        HttpSession session = request.getSession(false);
        if (session != null && typed != null && !typed.isBlank() && typed.length() <= MAX_LENGTH) {
            session.setAttribute(ATTRIBUTE, typed.trim());
        }
    }

    /** The e-mail remembered, once; null when there is none. */
    public static String take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String typed)) {
            return null;
        }
        session.removeAttribute(ATTRIBUTE);
        return typed;
    }
}
