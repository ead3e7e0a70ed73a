package dev.astraphe.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class LanguageLinksTest {

    private static MockHttpServletRequest request(String method, String contextPath, String path, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, contextPath + path);
        request.setContextPath(contextPath);
        request.setQueryString(query);
        request.setServerName("localhost");
        request.setServerPort(8080);
        return request;
    }

    @Test
    void aPageKeepsItsQueryAndOnlyItsLanguageChanges() {
        LanguageLinks login = LanguageLinks.of(request("GET", "", "/login",
                "continue=http%3A%2F%2Flocalhost%3A8081%2Fqueue%2Fp%2F1"));
        assertThat(login.en()).isEqualTo("/login?continue=http%3A%2F%2Flocalhost%3A8081%2Fqueue%2Fp%2F1&lang=en");
        assertThat(login.ko()).isEqualTo("/login?continue=http%3A%2F%2Flocalhost%3A8081%2Fqueue%2Fp%2F1&lang=ko");

        LanguageLinks search = LanguageLinks.of(request("GET", "/console", "/admin/users", "q=%EA%B9%80&lang=ko&page=2"));
        assertThat(search.en()).isEqualTo("/console/admin/users?q=%EA%B9%80&page=2&lang=en");
        assertThat(LanguageLinks.of(request("GET", "", "/", null)).en()).isEqualTo("/?lang=en");
    }

    @Test
    void aFormRenderedByItsPostLinksToThePageTheFormWasOn() {
        MockHttpServletRequest post = request("POST", "", "/account/profile", null);
        post.addHeader("Referer", "http://localhost:8080/account?tab=addresses");
        assertThat(LanguageLinks.of(post).en()).isEqualTo("/account?tab=addresses&lang=en");

        // another site's, another port's (another app) or none: the app's home
        for (String referer : new String[] {"http://evil.example/account", "http://localhost:8081/queue/p/1", "not a uri"}) {
            MockHttpServletRequest elsewhere = request("POST", "/console", "/signup", null);
            elsewhere.addHeader("Referer", referer);
            assertThat(LanguageLinks.of(elsewhere).en()).as(referer).isEqualTo("/console/?lang=en");
        }
        assertThat(LanguageLinks.of(request("POST", "/console", "/signup", null)).ko()).isEqualTo("/console/?lang=ko");
        MockHttpServletRequest storefrontPage = request("POST", "/console", "/signup", null);
        storefrontPage.addHeader("Referer", "http://localhost:8080/account");
        assertThat(LanguageLinks.of(storefrontPage).en()).as("same port, outside the app").isEqualTo("/console/?lang=en");
        // a protocol-relative path would lead to another host: the home instead (RefererPage)
        MockHttpServletRequest twoSlashes = request("POST", "", "/account/profile", null);
        twoSlashes.addHeader("Referer", "http://localhost:8080//evil.example/x");
        assertThat(LanguageLinks.of(twoSlashes).en()).isEqualTo("/?lang=en");
    }

    @Test
    void aRefusalLinksToTheAddressAskedFor() {
        MockHttpServletRequest denied = request("GET", "", "/denied", null);
        denied.setAttribute(RequestDispatcher.FORWARD_REQUEST_URI, "/account");
        denied.setAttribute(RequestDispatcher.FORWARD_QUERY_STRING, "x=1");
        assertThat(LanguageLinks.of(denied).en()).isEqualTo("/account?x=1&lang=en");
    }
}
