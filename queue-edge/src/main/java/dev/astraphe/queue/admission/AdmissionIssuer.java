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

    public Admission issue(long userId, long productId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        String admissionId = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Long.toString(userId))
                .claim("pid", productId)
                .issueTime(Date.from(now))
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

    /** The cookie that carries the admission to the storefront: every app path, script-proof, same-site. */
    public ResponseCookie cookie(long productId, Admission admission) {
        return ResponseCookie.from(COOKIE_PREFIX + productId, admission.token())
                .path("/")
                .httpOnly(true)
                .sameSite("Lax")
                .secure(secureCookie)
                .maxAge(ttl)
                .build();
    }

    String keyId() {
        return key.getKeyID();
    }
}
