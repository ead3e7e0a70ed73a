package dev.astraphe.storefront.admission;

import static dev.astraphe.storefront.ProductFixtures.token;
import static dev.astraphe.storefront.TestAdmissionKeys.K1;
import static dev.astraphe.storefront.TestAdmissionKeys.K3;
import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.shared.session.AstrapheUser;
import jakarta.servlet.http.Cookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class AdmissionGateCookiesTest {

    private static final Instant SALE_START = Instant.now().minus(Duration.ofMinutes(1));
    private static final AstrapheUser SHOPPER = new AstrapheUser(42L, "s@example.com", "s", List.of("SHOPPER"), null, null, false);

    private final CountingDecoder counting = new CountingDecoder();
    private final AdmissionGate gate = new AdmissionGate(new AdmissionVerifier(counting, Clock.systemUTC(), 100));

    @Test
    void aRequestGetsAtMostTwoAdmissionCookiesOfAProductChecked() throws Exception {
        // signed by a key outside the accepted set under an accepted key id: each costs a signature check
        String forged = token(K3, "k1", 42L, 7L, Instant.now().plus(Duration.ofMinutes(10)));
        MockHttpServletRequest request = new MockHttpServletRequest();
        Cookie[] cookies = new Cookie[6];
        for (int i = 0; i < 5; i++) {
            cookies[i] = new Cookie(AdmissionGate.COOKIE_PREFIX + 7, forged);
        }
        cookies[5] = new Cookie(AdmissionGate.COOKIE_PREFIX + 7, token(K1, 42L, 7L));
        request.setCookies(cookies);

        assertThat(gate.check(request, SHOPPER, 7L, SALE_START)).isEmpty();
        assertThat(counting.decodes).hasValue(2);
    }

    @Test
    void theSecondCookieOfAProductStillCounts() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie(AdmissionGate.COOKIE_PREFIX + 7, "stale"),
                new Cookie(AdmissionGate.COOKIE_PREFIX + 7, token(K1, 42L, 7L)));

        assertThat(gate.check(request, SHOPPER, 7L, SALE_START)).get()
                .extracting(VerifiedAdmission::userId).isEqualTo(42L);
    }
}
