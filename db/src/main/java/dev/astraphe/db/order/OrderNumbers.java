package dev.astraphe.db.order;

import java.security.SecureRandom;

/**
 * Order numbers shown to people: 'A' followed by 12 Crockford base32 characters (60 random bits), so they
 * reveal nothing about order volume and cannot be guessed. The unique key on orders catches the rare clash.
 */
public final class OrderNumbers {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 12;

    private final SecureRandom random;

    public OrderNumbers() {
        this(new SecureRandom());
    }

    OrderNumbers(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        long bits = random.nextLong();
        char[] chars = new char[LENGTH + 1];
        chars[0] = 'A';
        for (int i = LENGTH; i >= 1; i--) {
            chars[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(chars);
    }

    public static boolean isWellFormed(String orderNumber) {
        return orderNumber != null && orderNumber.matches("A[0-9A-HJKMNP-TV-Z]{12}");
    }
}
