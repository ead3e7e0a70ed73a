package dev.astraphe.shared.security;

import java.time.Duration;
import java.util.Locale;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Slows down password guessing: after {@code maxFailures} failed logins for one e-mail within the
 * window, further attempts for that e-mail are refused until the window has passed. Counted in
 * Redis so that every instance of every app shares the count.
 */
public class LoginThrottle {

    private final StringRedisTemplate redis;
    private final int maxFailures;
    private final Duration window;

    public LoginThrottle(StringRedisTemplate redis, int maxFailures, Duration window) {
        this.redis = redis;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    public boolean isBlocked(String email) {
        String count = redis.opsForValue().get(key(email));
        return count != null && Integer.parseInt(count) >= maxFailures;
    }

    public void recordFailure(String email) {
        String key = key(email);
        Long count = redis.opsForValue().increment(key);
        if (count != null && count == 1L) {
            redis.expire(key, window);
        }
    }

    public void recordSuccess(String email) {
        redis.delete(key(email));
    }

    public Duration window() {
        return window;
    }

    private static String key(String email) {
        return "astraphe:login-failures:{" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT)) + "}";
    }
}
