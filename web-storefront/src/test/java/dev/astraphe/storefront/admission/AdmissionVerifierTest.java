package dev.astraphe.storefront.admission;

import static dev.astraphe.storefront.ProductFixtures.token;
import static dev.astraphe.storefront.TestAdmissionKeys.K1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
