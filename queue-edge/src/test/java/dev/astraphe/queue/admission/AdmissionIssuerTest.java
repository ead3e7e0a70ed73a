package dev.astraphe.queue.admission;

import dev.astraphe.queue.web.CookieProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ResponseCookie;

class AdmissionIssuerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.750Z");

    private ECKey key;
    private AdmissionIssuer issuer;

    @BeforeEach
    void setUp() throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        issuer = new AdmissionIssuer(key, Duration.ofMinutes(10), false, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void issuesACompactEs256JwsWithTheKeyIdAndTheClaims() throws Exception {
        Admission admission = issuer.issue(42L, 7L);

        assertThat(admission.token().split("\\.")).hasSize(3);
        SignedJWT jwt = SignedJWT.parse(admission.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();

        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("42");
        assertThat(claims.getLongClaim("pid")).isEqualTo(7L);
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(Instant.parse("2026-11-25T12:00:00Z")));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-11-25T12:10:00Z")));
        assertThat(admission.expiresAt()).isEqualTo(Instant.parse("2026-11-25T12:10:00Z"));
        assertThat(claims.getJWTID()).isEqualTo(admission.admissionId());
        assertThat(UUID.fromString(admission.admissionId())).isNotNull();
        assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("sub", "pid", "iat", "exp", "jti");
    }

    @Test
    void everyAdmissionHasItsOwnId() {
        assertThat(issuer.issue(42L, 7L).admissionId()).isNotEqualTo(issuer.issue(42L, 7L).admissionId());
    }

    @Test
    void theCookieIsPerProductForEveryPathHttpOnlyLaxAndLivesAsLongAsTheToken() {
        Admission admission = issuer.issue(42L, 7L);
        ResponseCookie cookie = issuer.cookie(7L, admission);

        assertThat(cookie.getName()).isEqualTo("ASTRAPHE_ADM_7");
        assertThat(cookie.getValue()).isEqualTo(admission.token());
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.isSecure()).isFalse();
        assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(cookie.toString()).contains("Path=/", "Max-Age=600", "HttpOnly", "SameSite=Lax");
    }

    @Test
    void theCookieIsSecureWhenConfigured() {
        AdmissionIssuer secure = new AdmissionIssuer(key, Duration.ofMinutes(10), true, Clock.systemUTC());
        assertThat(secure.cookie(7L, secure.issue(1L, 7L)).isSecure()).isTrue();
    }

    @Test
    void loadsTheKeyFileWrittenByTheLocalStack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admission-ec.json");
        Files.writeString(file, key.toJSONString() + "\n");
        AdmissionIssuer fromFile = new AdmissionIssuer(
                new AdmissionProperties(file, null, null, Duration.ofMinutes(5)), new CookieProperties(false));
        SignedJWT jwt = SignedJWT.parse(fromFile.issue(1L, 2L).token());
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(jwt.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
    }

    @Test
    void refusesToStartWithoutAKeyOrWithAPublicOne() {
        assertThatThrownBy(() -> new AdmissionIssuer(
                new AdmissionProperties(null, null, null, Duration.ofMinutes(5)), new CookieProperties(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("astraphe.admission.key-file");
        assertThatThrownBy(() -> new AdmissionIssuer(
                new AdmissionProperties(null, key.toPublicJWK().toJSONString(), null, Duration.ofMinutes(5)), new CookieProperties(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("private EC P-256");
    }
}
