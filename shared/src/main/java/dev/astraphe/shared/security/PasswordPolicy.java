package dev.astraphe.shared.security;

import java.util.Locale;

/**
 * At least 10 characters, 72 bytes at most (bcrypt refuses longer ones: 73 ASCII characters or 25 Hangul) and not the
 * e-mail itself. Shoppers and sellers sign up under the same rule; each app has the three message codes.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    /** The message code of the first rule the password breaks, or null when it is acceptable. */
    public static String violation(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "password.too-short";
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "password.too-long";
        }
        if (email != null && password.trim().toLowerCase(Locale.ROOT).equals(email.trim().toLowerCase(Locale.ROOT))) {
            return "password.same-as-email";
        }
        return null;
    }
}
