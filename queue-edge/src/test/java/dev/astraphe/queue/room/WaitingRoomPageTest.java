package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.shared.queue.QueueKeys;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import dev.astraphe.testsupport.UsesRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository.RedisSession;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A shopper's way through the waiting room over HTTP: entrance, join with CSRF, session-less polls, admission. */
@UsesRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"astraphe.queue.admission-ticks=false", "astraphe.queue.grace=2s"})
@AutoConfigureWebTestClient
class WaitingRoomPageTest {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @Autowired WebTestClient web;
    @Autowired ReactiveStringRedisTemplate redis;
    @Autowired ReactiveRedisIndexedSessionRepository sessions;
    @Autowired QueueStore store;

    @Test
    void entranceAutoJoinsAndTheFirstShopperOfAnOpenSaleIsAdmittedAtOnceToTheProductPage() {
        long product = openSale(1, 10);
        Shopper minji = shopper(101, Role.SHOPPER);

        String page = minji.get("/p/" + product).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("hx-post=\"/queue/p/" + product + "/join\"").contains("hx-trigger=\"load\"").contains("/js/room.js");

        EntityExchangeResult<String> joined = minji.join(product, page);
        assertThat(joined.getResponseHeaders().getFirst("HX-Redirect")).isEqualTo("http://localhost:8080/products/" + product);
        assertThat(joined.getResponseCookies().getFirst("ASTRAPHE_ADM_" + product)).isNotNull();
    }

    @Test
    void aWaitingShopperPollsWithTheTicketAloneAndIsSentToTheProductPageOnceAdmitted() {
        long product = openSale(1, 10);
        shopper(201, Role.SHOPPER).joinFresh(product); // takes the tick's only admission
        Shopper jisoo = shopper(202, Role.SHOPPER);

        EntityExchangeResult<String> joined = jisoo.joinFresh(product);
        assertThat(joined.getResponseBody()).contains("/p/" + product + "/poll").contains("<progress");
        ResponseCookie ticket = joined.getResponseCookies().getFirst(Ticket.cookieName(product));
        assertThat(ticket.getPath()).isEqualTo("/queue");
        assertThat(ticket.isHttpOnly()).isTrue();

        // no session cookie at all: the ticket is enough
        web.get().uri("/p/{id}/poll", product).cookie(ticket.getName(), ticket.getValue()).header("HX-Request", "true")
                .exchange().expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody(String.class).value(body -> assertThat(body).contains("id=\"room-status\"").contains("hx-trigger=\"load delay:2s\""));

        var sale = TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 1, 1, 10);
        store.admit(sale, QueueTicks.now(sale) + 1, System.currentTimeMillis()).block();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(web.get().uri("/p/{id}/poll", product).cookie(ticket.getName(), ticket.getValue())
                        .header("HX-Request", "true").exchange().expectStatus().isOk()
                        .returnResult(String.class).getResponseHeaders().getFirst("HX-Redirect"))
                        .isEqualTo("http://localhost:8080/products/" + product));
    }

    @Test
    void soldOutReachesAWaitingShopperOnTheNextPoll() {
        long product = openSale(0, 10);
        ResponseCookie ticket = shopper(301, Role.SHOPPER).joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));

        redis.opsForHash().put(QueueKeys.sale(product), "soldOut", "1").block();

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                web.get().uri("/p/{id}/poll", product).cookie(ticket.getName(), ticket.getValue())
                        .header("Accept-Language", "en").exchange().expectStatus().isOk()
                        .expectBody(String.class).value(body -> assertThat(body).contains("Sold out").doesNotContain("hx-get")));
    }

    @Test
    void aForgedOrTamperedTicketIsRefusedWithTheRejoinFragment() {
        long product = openSale(0, 10);
        ResponseCookie ticket = shopper(401, Role.SHOPPER).joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        String value = ticket.getValue();
        String tampered = value.substring(0, value.indexOf('.')) .replace('M', 'N') + value.substring(value.indexOf('.'));

        for (String bad : List.of(tampered, "forged", value + "x", "a.b", "")) {
            web.get().uri("/p/{id}/poll", product).cookie(ticket.getName(), bad).header("Accept-Language", "en")
                    .exchange().expectStatus().isOk()
                    .expectBody(String.class).value(body -> assertThat(body).contains("Join again").doesNotContain("hx-get"));
        }
        // a ticket of another product is not valid here either
        web.get().uri("/p/{id}/poll", 999_999_998L).cookie(Ticket.cookieName(999_999_998L), value).exchange()
                .expectStatus().isOk().expectBody(String.class).value(body -> assertThat(body).doesNotContain("hx-get"));
    }

    @Test
    void onlyShoppersQueueAndUnknownProductsGetANotFoundPage() {
        long product = openSale(1, 10);
        shopper(501, Role.SELLER).get("/p/" + product).expectStatus().isForbidden()
                .expectBody(String.class).value(body -> assertThat(body).contains("구매자 계정만"));
        shopper(502, Role.SHOPPER).get("/p/999999999").expectStatus().isNotFound();
        web.get().uri("/p/{id}", product).exchange().expectStatus().isFound();
    }

    @Test
    void beforeThePreQueueWindowTheShopperIsToldWhenToComeBack() {
        long product = TestSales.newProductId();
        TestSales.store(redis, TestSales.sale(product, Instant.now().plus(Duration.ofHours(2)), Duration.ZERO, 1, 10, 10));

        shopper(601, Role.SHOPPER).get("/p/" + product).expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("다시 와 주세요").contains("data-countdown-to").doesNotContain("hx-post"));
    }

    /** A sale that opened a moment ago; batch 0 means nobody is admitted at once, so joiners wait. */
    private long openSale(int batch, int stock) {
        long product = TestSales.newProductId();
        TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, batch, 60, stock));
        return product;
    }

    private Shopper shopper(long id, Role role) {
        AstrapheUser user = AstrapheUser.of(id, "u" + id + "@example.com", "User " + id, role, null);
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        RedisSession session = sessions.createSession().block();
        session.setAttribute("SPRING_SECURITY_CONTEXT",
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities)));
        sessions.save(session).block();
        return new Shopper("SESSION=" + session.getId());
    }

    private final class Shopper {
        private final String sessionCookie;

        Shopper(String sessionCookie) {
            this.sessionCookie = sessionCookie;
        }

        WebTestClient.ResponseSpec get(String path) {
            return web.get().uri(path).header(HttpHeaders.COOKIE, sessionCookie).exchange();
        }

        EntityExchangeResult<String> joinFresh(long product) {
            String page = get("/p/" + product).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            return join(product, page);
        }

        /** What htmx does on load: POST with the token from the page's meta tag and the CSRF cookie. */
        EntityExchangeResult<String> join(long product, String page) {
            var pageResult = get("/p/" + product).expectBody(String.class).returnResult();
            String csrfCookie = pageResult.getResponseCookies().getFirst("QUEUE-XSRF-TOKEN").getValue();
            String html = pageResult.getResponseBody();
            Matcher m = CSRF.matcher(html);
            assertThat(m.find()).isTrue();
            return web.post().uri("/p/{id}/join", product)
                    .header(HttpHeaders.COOKIE, sessionCookie + "; QUEUE-XSRF-TOKEN=" + csrfCookie)
                    .header("X-XSRF-TOKEN", m.group(1)).header("HX-Request", "true")
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        }
    }
}
