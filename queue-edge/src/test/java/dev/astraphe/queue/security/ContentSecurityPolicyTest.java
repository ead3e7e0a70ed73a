package dev.astraphe.queue.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.astraphe.shared.web.AppLinks;
import org.junit.jupiter.api.Test;

/** The waiting room's policy lets the storefront's origin, and only its origin, serve the product pictures. */
class ContentSecurityPolicyTest {

    @Test
    void theStorefrontsOriginAloneIsAllowedToServePictures() {
        assertThat(SecurityConfiguration.csp(links("http://localhost:8080")))
                .isEqualTo("default-src 'self'; img-src 'self' data: http://localhost:8080; style-src 'self' 'unsafe-inline'; "
                        + "frame-ancestors 'none'; base-uri 'self'");
        // behind a proxy: a path, https on another port, user info, a query: the origin is all that is kept
        assertThat(SecurityConfiguration.csp(links("https://shop.example.com:8443/store/")))
                .contains("img-src 'self' data: https://shop.example.com:8443;");
        assertThat(SecurityConfiguration.csp(links("https://user:secret@shop.example.com/?a=b")))
                .contains("img-src 'self' data: https://shop.example.com;").doesNotContain("secret");
    }

    @Test
    void aStorefrontAddressWithoutAnHttpOriginStopsTheStart() {
        for (String bad : new String[] {"/store", "ftp://shop.example.com", "https://상점.example.com"}) {
            assertThatThrownBy(() -> SecurityConfiguration.csp(links(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("astraphe.links.storefront");
        }
    }

    private static AppLinks links(String storefront) {
        return new AppLinks(storefront, null, null);
    }
}
