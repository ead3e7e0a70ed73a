package dev.astraphe.queue.room;

import java.time.Duration;
import java.util.UUID;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * TEMPORARY stand-in until the admission package's {@code AdmissionIssuer} is merged: it sets a cookie
 * of the contract's name and shape but with an UNSIGNED placeholder value, which the storefront gate
 * refuses. Replace with an adapter calling {@code AdmissionIssuer.issue} + {@code cookie}.
 */
@Component
class TemporaryAdmissionGrant implements AdmissionGrant {

    private final CookieProperties cookies;

    TemporaryAdmissionGrant(CookieProperties cookies) {
        this.cookies = cookies;
    }

    @Override
    public ResponseCookie grant(long userId, long productId) {
        return ResponseCookie.from("ASTRAPHE_ADM_" + productId, "unsigned-" + userId + "-" + UUID.randomUUID())
                .path("/").httpOnly(true).sameSite("Lax").secure(cookies.secure())
                .maxAge(Duration.ofMinutes(10)).build();
    }
}
