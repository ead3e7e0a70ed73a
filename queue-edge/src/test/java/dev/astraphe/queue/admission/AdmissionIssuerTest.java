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
        Admission admission = issuer.issue(42L, 7L, NOW);

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
    void everyAdmissionHasItsOwnIdAndAskingAgainGivesTheSameAdmission() {
        Admission first = issuer.issue(42L, 7L, NOW);
        // a second poll, a repeated join, another tab: the same admission, not another one to buy with
        Admission again = issuer.issue(42L, 7L, NOW);
        assertThat(again.admissionId()).isEqualTo(first.admissionId());
        assertThat(again.expiresAt()).isEqualTo(first.expiresAt());

        assertThat(issuer.issue(42L, 7L, NOW.plusMillis(1)).admissionId()).as("a later admission").isNotEqualTo(first.admissionId());
        assertThat(issuer.issue(43L, 7L, NOW).admissionId()).as("another shopper").isNotEqualTo(first.admissionId());
        assertThat(issuer.issue(42L, 8L, NOW).admissionId()).as("another product").isNotEqualTo(first.admissionId());
    }

    @Test
    void anAdmissionAskedForLaterEndsWhenItsUnitStopsBeingHeldAndItsCookieWithIt() throws Exception {
        Instant admittedAt = NOW.minus(Duration.ofMinutes(7));
        Admission admission = issuer.issue(42L, 7L, admittedAt);

        assertThat(admission.expiresAt()).isEqualTo(Instant.parse("2026-11-25T11:53:00Z").plus(Duration.ofMinutes(10)));
        assertThat(SignedJWT.parse(admission.token()).getJWTClaimsSet().getExpirationTime()).isEqualTo(Date.from(admission.expiresAt()));
        // three minutes left, less the admission time's fraction of a second (cut off in the token), in whole seconds
        // rounded up: the cookie reaches the storefront for as long as the token is valid there
        assertThat(issuer.cookie(7L, admission).getMaxAge()).isEqualTo(Duration.ofSeconds(180));
        assertThat(issuer.cookie(7L, issuer.issue(42L, 7L, NOW.minus(Duration.ofMinutes(11)))).getMaxAge()).isZero();
    }

    @Test
    void theCookieIsPerProductForEveryPathHttpOnlyLaxAndLivesAsLongAsTheToken() {
        Admission admission = issuer.issue(42L, 7L, NOW);
        ResponseCookie cookie = issuer.cookie(7L, admission);

        assertThat(cookie.getName()).isEqualTo("ASTRAPHE_ADM_7");
        assertThat(cookie.getValue()).isEqualTo(admission.token());
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.isSecure()).isFalse();
        // admitted at 12:00:00.750, valid until 12:10:00 (599.25 s): whole seconds, rounded up, so that the token
        // is never dropped while the waiting room still calls its shopper admitted; the storefront checks the expiry
        assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofSeconds(600));
        assertThat(cookie.toString()).contains("Path=/", "Max-Age=600", "HttpOnly", "SameSite=Lax");
    }

    @Test
    void theCookieIsSecureWhenConfigured() {
        AdmissionIssuer secure = new AdmissionIssuer(key, Duration.ofMinutes(10), true, Clock.systemUTC());
        assertThat(secure.cookie(7L, secure.issue(1L, 7L, Instant.now())).isSecure()).isTrue();
    }

    @Test
    void loadsTheKeyFileWrittenByTheLocalStack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admission-ec.json");
        Files.writeString(file, key.toJSONString() + "\n");
        AdmissionIssuer fromFile = new AdmissionIssuer(
                new AdmissionProperties(file, null, null), new CookieProperties(false), Duration.ofMinutes(5));
        SignedJWT jwt = SignedJWT.parse(fromFile.issue(1L, 2L, Instant.now()).token());
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(jwt.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
    }

    @Test
    void refusesToStartWithoutAKeyOrWithAPublicOne() {
        assertThatThrownBy(() -> new AdmissionIssuer(
                new AdmissionProperties(null, null, null), new CookieProperties(false), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("astraphe.admission.key-file");
        assertThatThrownBy(() -> new AdmissionIssuer(
                new AdmissionProperties(null, key.toPublicJWK().toJSONString(), null), new CookieProperties(false), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("private EC P-256");
    }
}
