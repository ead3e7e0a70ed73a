package dev.astraphe.queue.admission;

import dev.astraphe.queue.web.CookieProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Signs admissions for the storefront: a compact JWS (ES256, with the key id in the header) carrying
 * the shopper ({@code sub}), the product ({@code pid}), {@code iat}, {@code exp} and a unique
 * admission id ({@code jti}) that the order stores so that one admission buys once.
 */
@Component
public class AdmissionIssuer {

    public static final String COOKIE_PREFIX = "ASTRAPHE_ADM_";

    private final ECKey key;
    private final ECDSASigner signer;
    private final JWSHeader header;
    private final Duration ttl;
    private final boolean secureCookie;
    private final Clock clock;

    /** {@code hold}: how long an admission holds a unit, and so how long its token is valid. */
    @Autowired
    AdmissionIssuer(AdmissionProperties properties, CookieProperties cookies,
                    @Value("${astraphe.queue.admitted-hold:10m}") Duration hold) {
        this(SigningKey.load(properties), hold, cookies.secure(), Clock.systemUTC());
    }

    AdmissionIssuer(ECKey key, Duration ttl, boolean secureCookie, Clock clock) {
        this.key = key;
        this.ttl = ttl;
        this.secureCookie = secureCookie;
        this.clock = clock;
        this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        try {
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("The admission key cannot sign ES256", e);
        }
    }

    /**
     * The admission made at {@code admittedAt}: issued then (whole seconds, rounded down), valid for the admission's
     * lifetime from then (the time it holds a unit, the waiting room's admitted hold, which also ends it at this
     * token's expiry), and named by the shopper, the product and that instant.
     * Asked for again (a second poll, a repeated join, another tab) it is the same admission, with the same id and
     * end: one admission buys once, and asking again never makes it last longer than the unit is held for it.
     */
    public Admission issue(long userId, long productId, Instant admittedAt) {
        Instant issuedAt = admittedAt.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(ttl);
        String admissionId = UUID.nameUUIDFromBytes(("astraphe-admission|" + productId + "|" + userId + "|" + admittedAt.toEpochMilli())
                .getBytes(StandardCharsets.US_ASCII)).toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Long.toString(userId))
                .claim("pid", productId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(admissionId)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing an admission failed", e);
        }
        return new Admission(admissionId, jwt.serialize(), expiresAt);
    }

    /**
     * The cookie that carries the admission to the storefront: every app path, script-proof, same-site, kept by the
     * browser for as long as the admission is valid.
     */
    public ResponseCookie cookie(long productId, Admission admission) {
        // whole seconds, rounded up: a token with half a second left still reaches the storefront, which checks the
        // expiry itself (rounded down, such a cookie would be deleted at once while the waiting room says admitted)
        Duration between = Duration.between(clock.instant(), admission.expiresAt());
        Duration left = Duration.ofSeconds(between.getSeconds() + (between.getNano() > 0 ? 1 : 0));
        return ResponseCookie.from(COOKIE_PREFIX + productId, admission.token())
                .path("/")
                .httpOnly(true)
                .sameSite("Lax")
                .secure(secureCookie)
                .maxAge(left.isNegative() ? Duration.ZERO : left)
                .build();
    }

    String keyId() {
        return key.getKeyID();
    }
}
