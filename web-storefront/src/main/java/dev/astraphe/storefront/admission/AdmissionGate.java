package dev.astraphe.storefront.admission;

import dev.astraphe.shared.session.AstrapheUser;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a gated page or action calls: the shopper must hold a valid admission cookie for this
 * product, issued to them in its current sale. Anything else ends in {@link AdmissionRequiredException}, which sends
 * the browser to the product's waiting room.
 */
@Component
public class AdmissionGate {

    public static final String COOKIE_PREFIX = "ASTRAPHE_ADM_";
    /** The most admission cookies of one product a request gets checked. */
    static final int MAX_TRIED = 2;

    private final AdmissionVerifier verifier;

    AdmissionGate(AdmissionVerifier verifier) {
        this.verifier = verifier;
    }

    /** {@code saleStartsAt}: when the product's current sale began (an admission of a sale before it is refused). */
    public VerifiedAdmission require(HttpServletRequest request, AstrapheUser user, long productId,
                                     Instant saleStartsAt) {
        return check(request, user, productId, saleStartsAt)
                .orElseThrow(() -> new AdmissionRequiredException(productId));
    }

    public Optional<VerifiedAdmission> check(HttpServletRequest request, AstrapheUser user, long productId,
                                             Instant saleStartsAt) {
        if (user == null) {
            return Optional.empty();
        }
        String name = COOKIE_PREFIX + productId;
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        int tried = 0;
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                Optional<VerifiedAdmission> admission =
                        verifier.verify(cookie.getValue(), user.id(), productId, saleStartsAt);
                // queue-edge sets one such cookie (Path=/); a second may be left from another path or domain. More
                // are not a browser's: each costs a signature check (~400 µs), so a request cannot buy many
                if (admission.isPresent() || ++tried == MAX_TRIED) {
                    return admission;
                }
            }
        }
        return Optional.empty();
    }
}
