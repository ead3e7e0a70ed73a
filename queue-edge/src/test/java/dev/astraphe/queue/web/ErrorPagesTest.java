package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.room.TestShoppers;
import dev.astraphe.shared.session.Role;
import dev.astraphe.testsupport.UsesRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Errors WebFlux raises itself (no handler for the path, a path variable that does not convert), asked for by a
 * signed-in shopper's browser on the real server, under the base path: the waiting room's own page in the
 * shopper's language with the error's status, never Spring's whitelabel page or the exception's text; programs
 * still get Boot's JSON. The same properties as {@link HotPathTimingTest}, so both use one test context.
 */
@UsesRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
@AutoConfigureWebTestClient
class ErrorPagesTest {

    /** What Chromium sends when it loads a page. */
    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @Autowired WebTestClient web;
    @org.springframework.boot.test.web.server.LocalServerPort int port;
    @Autowired ReactiveRedisIndexedSessionRepository sessions;

    @Test
    void aPathNobodyAnswersIsTheWaitingRoomsNotFoundPage() {
        String page = browser("/nothing", "ko-KR,ko;q=0.9,en;q=0.8").expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("class=\"site-header\"", "/queue/css/queue.css", "href=\"http://localhost:8080/\"")
                .contains("<html lang=\"ko\">", "요청을 처리하지 못했습니다", "페이지를 찾을 수 없습니다.")
                .doesNotContain("Whitelabel")
                .contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/queue/favicon.svg\">");
        // the tab's icon, without a login
        web.get().uri("/favicon.svg").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("image/svg+xml");
    }

    @Test
    void anAddressTheFirewallRefusesIsAPageNotAnEmptyAnswer() {
        for (String path : new String[] {"/%2F", "/p/%2F1", "/p/1/%2e%2e/poll"}) {
            // as sent: a URI template would encode the '%' again
            web.get().uri(java.net.URI.create("http://localhost:" + port + "/queue" + path)).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType("text/html;charset=UTF-8")
                    .expectBody(String.class).value(page -> assertThat(page).as(path)
                            .contains("Astraphe", "주소를 읽을 수 없습니다", "href=\"/queue/\""));
        }
    }

    @Test
    void aProductPageWithATrailingSlashIsNotFoundInEnglishToo() {
        browser("/p/2/", "en-US,en;q=0.9").expectStatus().isNotFound().expectBody(String.class)
                .value(page -> assertThat(page).contains("class=\"site-header\"", "<html lang=\"en\">",
                        "We could not handle that request", "This page does not exist.").doesNotContain("Whitelabel"));
    }

    @Test
    void aProductIdThatIsNotANumberIsABadRequestPageThatKeepsTheExceptionToItself() {
        browser("/p/abc", "ko").expectStatus().isBadRequest().expectBody(String.class)
                .value(page -> assertThat(page).contains("class=\"site-header\"", "요청을 이해하지 못했습니다.")
                        .doesNotContain("Whitelabel", "abc", "NumberFormatException", "Exception", "convert"));
    }

    @Test
    void theErrorPagesLanguageSwitchStoresTheChoiceAndLoadsTheSameAddressAgain() {
        browser("/p/abc", "ko").expectStatus().isBadRequest().expectBody(String.class)
                .value(page -> assertThat(page).contains("<a href=\"?lang=en\" lang=\"en\">English</a>"));

        EntityExchangeResult<Void> chosen = web.get().uri("/p/abc?x=1&lang=en").header(HttpHeaders.COOKIE, signedIn())
                .header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).exchange()
                .expectStatus().isSeeOther().expectBody().isEmpty();
        // the path again: the page's links replace the query, and a lang left in it however written could loop
        assertThat(chosen.getResponseHeaders().getLocation()).hasToString("/queue/p/abc");
        ResponseCookie language = chosen.getResponseCookies().getFirst("astraphe-lang");
        assertThat(language.getValue()).isEqualTo("en");
        assertThat(language.getPath()).isEqualTo("/");

        web.get().uri("/p/abc").header(HttpHeaders.COOKIE, signedIn() + "; astraphe-lang=en")
                .header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).header(HttpHeaders.ACCEPT_LANGUAGE, "ko").exchange()
                .expectStatus().isBadRequest().expectBody(String.class)
                .value(page -> assertThat(page).contains("<html lang=\"en\">", "We could not handle that request"));

        // a language Astraphe does not speak stores nothing; a program asking for JSON is not redirected
        assertThat(web.get().uri("/nothing?lang=fr").header(HttpHeaders.COOKIE, signedIn())
                .header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).exchange().expectStatus().isSeeOther()
                .expectBody().returnResult().getResponseCookies()).doesNotContainKey("astraphe-lang");
        web.get().uri("/p/abc?lang=en").header(HttpHeaders.COOKIE, signedIn()).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.languageSwitch").doesNotExist();
        // a parameter with no name is no choice: the page itself, not a redirect to it
        web.get().uri(java.net.URI.create("http://localhost:" + port + "/queue/p/abc?=lang")).header(HttpHeaders.COOKIE, signedIn())
                .header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).exchange().expectStatus().isBadRequest();
    }

    @Test
    void programsStillGetBootsJsonWithoutTheException() {
        web.get().uri("/p/abc").header(HttpHeaders.COOKIE, signedIn()).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(HttpStatus.BAD_REQUEST.value())
                .jsonPath("$.path").isEqualTo("/queue/p/abc")
                .jsonPath("$.trace").doesNotExist()
                .jsonPath("$.exception").doesNotExist();
    }

    @Test
    void aFormWhoseCsrfTokenNoLongerMatchesIsTheStyledPageSayingToReloadIt() {
        // a join form posted without JavaScript from a page whose token cookie is gone (a browser restart)
        String page = web.post().uri("/p/2/join").header(HttpHeaders.COOKIE, signedIn())
                .header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).header(HttpHeaders.ACCEPT_LANGUAGE, "ko")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("_csrf=from-a-page-of-yesterday").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("class=\"site-header\"", "요청이 만료되었습니다. 대기실 페이지를 새로 열고 다시 시도해 주세요.")
                .doesNotContain("권한이 없습니다", "CSRF token", "Exception")
                .doesNotContain("?lang=en"); // the form's address is no page a link could load again
        web.post().uri("/p/2/join").header(HttpHeaders.COOKIE, signedIn()).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(HttpStatus.FORBIDDEN.value()).jsonPath("$.trace").doesNotExist();
    }

    private WebTestClient.ResponseSpec browser(String path, String languages) {
        return web.get().uri(path).header(HttpHeaders.COOKIE, signedIn()).header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)
                .header(HttpHeaders.ACCEPT_LANGUAGE, languages).exchange();
    }

    /** Every path but the ping, the polls and the static files needs a login: signed out, the storefront's comes first. */
    private String signedIn() {
        return "SESSION=" + TestShoppers.session(sessions, 1_000_001, Role.SHOPPER);
    }
}
