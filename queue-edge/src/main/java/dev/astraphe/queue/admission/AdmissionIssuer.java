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

    @Autowired
    AdmissionIssuer(AdmissionProperties properties, CookieProperties cookies) {
        this(SigningKey.load(properties), properties.ttl(), cookies.secure(), Clock.systemUTC());
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
     * The admission made at {@code admittedAt}: issued then, valid for the admission's lifetime from then (the time it
     * holds a unit, see the waiting room's admitted hold), and named by the shopper, the product and that instant.
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
        // whole seconds, rounded down: the browser never keeps the cookie past the token's end
        Duration left = Duration.ofSeconds(Duration.between(clock.instant(), admission.expiresAt()).getSeconds());
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
