package dev.astraphe.shared.web;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The language a shopper picked on the storefront ({@code ?lang=en}), kept in a cookie that the storefront sets for
 * its whole host (path {@code /}, no domain). Cookies ignore ports, so the waiting room on the same host (another
 * port locally, another path behind the proxy) receives it too and answers in the same language.
 */
public final class LanguageCookie {

    public static final String NAME = "astraphe-lang";

    /** How long the choice is kept, by whichever app's switch made it. */
    public static final Duration MAX_AGE = Duration.ofDays(365);

    private LanguageCookie() {
    }

    /**
     * The language a cookie value names, if it is one Astraphe speaks, as the storefront writes it: the chosen
     * locale's language tag, {@code ko} or {@code en} from its language links, {@code en-US} from a hand-typed
     * {@code ?lang=en_US} (and it reads {@code en_US} as well). Anything else is null, to be ignored: the value is
     * whatever the browser sends, and only one of the two locales is ever given back for it. Plain character checks,
     * since the waiting room reads it on every poll.
     */
    public static @Nullable Locale supported(String value) {
        int length = value.length();
        boolean region = length == 5 && (value.charAt(2) == '-' || value.charAt(2) == '_') && letter(value.charAt(3)) && letter(value.charAt(4));
        if (length != 2 && !region) {
            return null;
        }
        if (value.regionMatches(true, 0, "en", 0, 2)) {
            return Locale.ENGLISH;
        }
        if (value.regionMatches(true, 0, "ko", 0, 2)) {
            return Locale.KOREAN;
        }
        return null;
    }

    private static boolean letter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
