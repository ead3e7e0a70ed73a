package dev.astraphe.storefront.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 */
class AdmissionVerifier {

    static final int MAX_CACHED = 100_000;
    private static final Duration PURGE_EVERY = Duration.ofSeconds(30);

    private record Claims(String admissionId, String subject, Long productId, Instant issuedAt, Instant expiresAt) {
    }

    private final JwtDecoder decoder;
    private final Clock clock;
    private final int maxCached;
    private final Map<String, Claims> verified = new ConcurrentHashMap<>();
    private volatile Instant nextPurge = Instant.EPOCH;

    AdmissionVerifier(JwtDecoder decoder, Clock clock, int maxCached) {
        this.decoder = decoder;
        this.clock = clock;
        this.maxCached = maxCached;
    }

    /** {@code saleStartsAt}: the start of the product's current sale; admissions are only made from then on. */
    Optional<VerifiedAdmission> verify(String token, long userId, long productId, Instant saleStartsAt) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Claims claims = verified.get(token);
        if (claims == null) {
            claims = decode(token);
            if (claims == null) {
                return Optional.empty();
            }
            remember(token, claims, now);
        }
        if (!now.isBefore(claims.expiresAt())) {
            verified.remove(token);
            return Optional.empty();
        }
        if (!Long.toString(userId).equals(claims.subject()) || claims.productId() == null
                || claims.productId() != productId) {
            return Optional.empty();
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

    private void remember(String token, Claims claims, Instant now) {
        if (now.isAfter(nextPurge) || verified.size() >= maxCached) {
            nextPurge = now.plus(PURGE_EVERY);
            verified.values().removeIf(c -> !now.isBefore(c.expiresAt()));
        }
        if (verified.size() < maxCached) {
            verified.put(token, claims);
        }
    }
}
