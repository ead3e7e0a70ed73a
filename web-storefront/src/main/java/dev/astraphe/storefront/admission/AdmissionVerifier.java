package dev.astraphe.storefront.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Checks an admission token: signature and algorithm through the Nimbus-backed {@link JwtDecoder}
 * (ES256 only, accepted keys only), then that it names this shopper and this product, was issued in
 * this sale (not before its start: a product sold again, or a sale postponed, owes nothing to an
 * admission of before) and has not expired. An ES256 verification costs ~400 µs, so a token whose
 * signature checked out is remembered until it expires; the cache is bounded and purged of expired
 * tokens as it goes.
 *
 * <p>Only the exact text queue-edge signed is cached, and only for its own shopper and product: Nimbus's base64url
 * decoder skips characters outside the alphabet, so a genuine token followed by any run of {@code ~} or {@code !}
 * still verifies. Were such variants (or somebody else's token) remembered, one admission could fill the cache with
 * thousands of 4 KB entries. A token is therefore refused unless it is three segments of canonical base64url
 * (what re-encoding its bytes gives back), which leaves exactly one text per signature. One admission still has many
 * signatures: queue-edge signs it again on every poll and repeated join, an ES256 signature is randomised, and
 * (r, n - s) verifies as well as (r, s). So the cache keeps one text per admission id, the last verified: an admitted
 * shopper who asks for new tokens again and again replaces their own entry instead of filling the cache.
 */
class AdmissionVerifier {

    static final int MAX_CACHED = 100_000;
    /** An admission token is about 400 characters (a key id, five claims, an ES256 signature). */
    static final int MAX_LENGTH = 1024;
    private static final Duration PURGE_EVERY = Duration.ofSeconds(30);
    /** How often a full cache may be swept for expired tokens (a sweep reads every entry). */
    private static final Duration PURGE_WHEN_FULL_EVERY = Duration.ofSeconds(1);

    private record Claims(String admissionId, String subject, Long productId, Instant issuedAt, Instant expiresAt) {
    }

    private final JwtDecoder decoder;
    private final Clock clock;
    private final int maxCached;
    private final Map<String, Claims> verified = new ConcurrentHashMap<>();
    /** Admission id → the one text of it that {@link #verified} holds. */
    private final Map<String, String> textOf = new ConcurrentHashMap<>();
    private volatile Instant nextPurge = Instant.EPOCH;
    private volatile Instant lastPurge = Instant.EPOCH;

    AdmissionVerifier(JwtDecoder decoder, Clock clock, int maxCached) {
        this.decoder = decoder;
        this.clock = clock;
        this.maxCached = maxCached;
    }

    /** {@code saleStartsAt}: the start of the product's current sale; admissions are only made from then on. */
    Optional<VerifiedAdmission> verify(String token, long userId, long productId, Instant saleStartsAt) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Claims claims = verified.get(token);
        boolean cached = claims != null;
        if (!cached) {
            claims = canonicalCompactJws(token) ? decode(token) : null;
            if (claims == null) {
                return Optional.empty();
            }
        }
        if (!now.isBefore(claims.expiresAt())) {
            if (verified.remove(token) != null) {
                textOf.remove(claims.admissionId(), token);
            }
            return Optional.empty();
        }
        if (!Long.toString(userId).equals(claims.subject()) || claims.productId() == null
                || claims.productId() != productId) {
            return Optional.empty();
        }
        if (!cached) {
            remember(token, claims, now);
        }
        // issued in whole seconds, rounded down, from an admission made at or after the start
        if (claims.issuedAt().isBefore(saleStartsAt.truncatedTo(ChronoUnit.SECONDS))) {
            return Optional.empty();
        }
        return Optional.of(new VerifiedAdmission(claims.admissionId(), userId, productId, claims.issuedAt(),
                claims.expiresAt()));
    }

    int cached() {
        return verified.size();
    }

    private Claims decode(String token) {
        try {
            Jwt jwt = decoder.decode(token);
            Object pid = jwt.getClaims().get("pid");
            // queue-edge always names its key; one that names none would be tried against every accepted key
            if (!(jwt.getHeaders().get("kid") instanceof String kid) || kid.isBlank()) {
                return null;
            }
            // with an expiry there is always an issue time: Spring's claim converter gives a token without "iat" one
            // a second before its expiry (queue-edge always sets it, and only our keys sign)
            if (jwt.getExpiresAt() == null || jwt.getId() == null || jwt.getSubject() == null || !(pid instanceof Number)) {
                return null;
            }
            return new Claims(jwt.getId(), jwt.getSubject(), ((Number) pid).longValue(), jwt.getIssuedAt(),
                    jwt.getExpiresAt());
        } catch (JwtException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Three dot-separated segments, each the unpadded base64url its own bytes encode to: no characters outside the
     * alphabet, no padding, no stray low bits in a segment's last character.
     */
    static boolean canonicalCompactJws(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        return canonical(token, 0, first) && canonical(token, first + 1, second) && canonical(token, second + 1, token.length());
    }

    private static boolean canonical(String token, int from, int to) {
        String segment = token.substring(from, to);
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(segment);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(segment);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void remember(String token, Claims claims, Instant now) {
        boolean full = verified.size() >= maxCached;
        if (now.isAfter(nextPurge) || (full && now.isAfter(lastPurge.plus(PURGE_WHEN_FULL_EVERY)))) {
            nextPurge = now.plus(PURGE_EVERY);
            lastPurge = now;
            verified.values().removeIf(c -> !now.isBefore(c.expiresAt()));
            textOf.values().removeIf(text -> !verified.containsKey(text));
        }
        if (verified.size() < maxCached) {
            verified.put(token, claims);
            String before = textOf.put(claims.admissionId(), token);
            if (before != null && !before.equals(token)) {
                verified.remove(before);
            }
        }
    }
}
