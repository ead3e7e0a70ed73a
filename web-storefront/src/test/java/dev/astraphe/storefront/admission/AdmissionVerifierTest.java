package dev.astraphe.storefront.admission;

import static dev.astraphe.storefront.ProductFixtures.token;
import static dev.astraphe.storefront.TestAdmissionKeys.K1;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.astraphe.testsupport.MutableClock;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionVerifierTest {

    /** The current sale began a minute ago: admissions are made from then on. */
    private static final Instant SALE_START = Instant.now().minus(Duration.ofMinutes(1));

    private final CountingDecoder counting = new CountingDecoder();

    @Test
    void aVerifiedTokenIsDecodedOnceAndThenServedFromTheCache() throws Exception {
        AdmissionVerifier verifier = new AdmissionVerifier(counting, Clock.systemUTC(), 100);
        String token = token(K1, 42L, 7L);

        assertThat(verifier.verify(token, 42L, 7L, SALE_START)).isPresent();
        assertThat(verifier.verify(token, 42L, 7L, SALE_START)).get().extracting(VerifiedAdmission::userId).isEqualTo(42L);
        assertThat(counting.decodes).hasValue(1);
        // the cached claims are still checked against the shopper and the product
        assertThat(verifier.verify(token, 43L, 7L, SALE_START)).isEmpty();
        assertThat(verifier.verify(token, 42L, 8L, SALE_START)).isEmpty();
        assertThat(counting.decodes).hasValue(1);
    }

    @Test
    void aCachedTokenStopsWorkingWhenItExpiresAndLeavesTheCache() throws Exception {
        Instant now = Instant.now();
        MutableClock clock = new MutableClock(now);
        AdmissionVerifier verifier = new AdmissionVerifier(counting, clock, 100);
        String token = token(K1, "k1", 42L, 7L, now.plus(Duration.ofSeconds(30)));

        assertThat(verifier.verify(token, 42L, 7L, SALE_START)).isPresent();
        clock.now = now.plus(Duration.ofSeconds(31));
        assertThat(verifier.verify(token, 42L, 7L, SALE_START)).isEmpty();
        assertThat(verifier.cached()).isZero();
    }

    @Test
    void anAdmissionIssuedBeforeTheCurrentSalesStartIsRefusedAlsoFromTheCache() throws Exception {
        AdmissionVerifier verifier = new AdmissionVerifier(counting, Clock.systemUTC(), 100);
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = token(K1, "k1", 42L, 7L, issued, issued.plus(Duration.ofMinutes(10)));

        // issued in the second the sale began (tokens carry whole seconds, rounded down), and later: this sale's
        assertThat(verifier.verify(token, 42L, 7L, issued.plusMillis(999))).get()
                .extracting(VerifiedAdmission::issuedAt).isEqualTo(issued);
        assertThat(verifier.verify(token, 42L, 7L, issued.minusSeconds(60))).isPresent();
        // the product is on sale again (or the sale was postponed) from a later second: not an admission of this sale
        assertThat(verifier.verify(token, 42L, 7L, issued.plusSeconds(1))).isEmpty();
        assertThat(counting.decodes).hasValue(1);
    }

    @Test
    void theCacheIsBounded() throws Exception {
        AdmissionVerifier verifier = new AdmissionVerifier(counting, Clock.systemUTC(), 2);
        for (int i = 0; i < 5; i++) {
            assertThat(verifier.verify(token(K1, 42L, i), 42L, i, SALE_START)).isPresent();
        }
        assertThat(verifier.cached()).isEqualTo(2);
    }

    @Test
    void onlyTheExactTextQueueEdgeSignedIsAcceptedSoOneTokenCannotFillTheCache() throws Exception {
        AdmissionVerifier verifier = new AdmissionVerifier(counting, Clock.systemUTC(), 100);
        String token = token(K1, 42L, 7L);
        // Nimbus alone takes a genuine token with characters outside base64url after it, or with other stray low
        // bits in the signature's last character: the same signed bytes, a different text
        String trailing = token + "~!~~!";
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String strayBits = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(counting.nimbus.decode(trailing).getSubject()).isEqualTo("42");
        assertThat(counting.nimbus.decode(strayBits).getSubject()).isEqualTo("42");

        assertThat(verifier.verify(trailing, 42L, 7L, SALE_START)).isEmpty();
        assertThat(verifier.verify(strayBits, 42L, 7L, SALE_START)).isEmpty();
        assertThat(verifier.verify(token + "=", 42L, 7L, SALE_START)).isEmpty();
        assertThat(verifier.verify(token + ".x", 42L, 7L, SALE_START)).isEmpty();
        // refused before any signature is checked, and nothing remembered
        assertThat(counting.decodes).hasValue(0);
        assertThat(verifier.cached()).isZero();
        assertThat(verifier.verify(token, 42L, 7L, SALE_START)).isPresent();
        assertThat(verifier.cached()).isEqualTo(1);
    }

    @Test
    void oneAdmissionIsRememberedOnceHoweverOftenItIsSignedAgain() throws Exception {
        AdmissionVerifier verifier = new AdmissionVerifier(counting, Clock.systemUTC(), 100);
        // queue-edge signs the admission again on every poll and repeated join, and an ES256 signature is randomised:
        // the same admission, a new text each time; and (r, n - s) verifies as well as (r, s)
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("42").claim("pid", 7L)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                .jwtID("one-admission").build();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            texts.add(signed(claims, "k1"));
        }
        texts.add(otherS(texts.getFirst()));
        assertThat(texts).doesNotHaveDuplicates();

        for (String text : texts) {
            assertThat(verifier.verify(text, 42L, 7L, SALE_START)).get()
                    .extracting(VerifiedAdmission::admissionId).isEqualTo("one-admission");
        }
        assertThat(verifier.cached()).isEqualTo(1);
        assertThat(verifier.verify(texts.getLast(), 42L, 7L, SALE_START)).isPresent();
        assertThat(counting.decodes).hasValue(texts.size());
    }

    @Test
    void aTokenWithoutAKeyIdIsRefused() throws Exception {
        AdmissionVerifier verifier = new AdmissionVerifier(counting, Clock.systemUTC(), 100);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("42").claim("pid", 7L)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                .jwtID("no-kid").build();

        assertThat(verifier.verify(signed(claims, null), 42L, 7L, SALE_START)).isEmpty();
        assertThat(verifier.verify(signed(claims, "k1"), 42L, 7L, SALE_START)).isPresent();
    }

    @Test
    void anUnsignedTokenIsRefusedByTheDecoderItself() throws Exception {
        AdmissionVerifier verifier = new AdmissionVerifier(counting, Clock.systemUTC(), 100);
        String genuine = token(K1, 42L, 7L);
        String claims = genuine.split("\\.")[1];
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        // "alg": "none" with a signature part that is canonical base64url: only the decoder can refuse it
        String none = b64.encodeToString("{\"alg\":\"none\",\"kid\":\"k1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + claims + "." + genuine.split("\\.")[2];
        assertThat(AdmissionVerifier.canonicalCompactJws(none)).isTrue();

        assertThat(verifier.verify(none, 42L, 7L, SALE_START)).isEmpty();
        assertThat(counting.decodes).hasValue(1);
        assertThat(verifier.cached()).isZero();
    }

    @Test
    void anExpiredTokenIsRefusedWithinTheDecodersClockSkewToo() throws Exception {
        AdmissionVerifier verifier = new AdmissionVerifier(counting, Clock.systemUTC(), 100);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Spring's decoder allows 60 s of skew: a token 5 s past its expiry passes it
        String expired = token(K1, "k1", 42L, 7L, now.minus(Duration.ofMinutes(10)), now.minusSeconds(5));
        assertThat(counting.nimbus.decode(expired).getSubject()).isEqualTo("42");

        assertThat(verifier.verify(expired, 42L, 7L, now.minus(Duration.ofMinutes(20)))).isEmpty();
        assertThat(verifier.cached()).isZero();
    }

    private static String signed(JWTClaimsSet claims, String kid) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT);
        if (kid != null) {
            header.keyID(kid);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new ECDSASigner(K1));
        return jwt.serialize();
    }

    /** The same token with the signature's s replaced by n - s (P-256's group order n): still a valid signature. */
    private static String otherS(String token) {
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        BigInteger n = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        byte[] flipped = n.subtract(s).toByteArray();
        byte[] out = Arrays.copyOf(signature, 64);
        Arrays.fill(out, 32, 64, (byte) 0);
        int length = Math.min(flipped.length, 32);
        System.arraycopy(flipped, flipped.length - length, out, 64 - length, length);
        return token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    @Test
    void anotherShoppersTokenIsRefusedAndNotRemembered() throws Exception {
        AdmissionVerifier verifier = new AdmissionVerifier(counting, Clock.systemUTC(), 100);
        String token = token(K1, 42L, 7L);

        assertThat(verifier.verify(token, 43L, 7L, SALE_START)).isEmpty();
        assertThat(verifier.verify(token, 42L, 8L, SALE_START)).isEmpty();
        assertThat(verifier.cached()).isZero();
    }

    @Test
    void garbageIsRefusedWithoutAnError() {
        AdmissionVerifier verifier = new AdmissionVerifier(counting, Clock.systemUTC(), 2);
        assertThat(verifier.verify("not-a-jwt", 42L, 7L, SALE_START)).isEmpty();
        assertThat(verifier.verify("", 42L, 7L, SALE_START)).isEmpty();
        assertThat(verifier.verify(null, 42L, 7L, SALE_START)).isEmpty();
    }
}
