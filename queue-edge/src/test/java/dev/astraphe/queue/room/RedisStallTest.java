package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.StallingProxy;
import dev.astraphe.shared.session.Role;
import dev.astraphe.testsupport.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Redis stops answering in the middle of a sale (a long script, a stalled host): a join fails with an error answer
 * within the configured command timeout instead of hanging for Lettuce's default minute, polls go on answering from
 * the instance's cache meanwhile, and once Redis answers again joins work on the same connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"astraphe.queue.admission-ticks=false", "astraphe.queue.grace=5m",
                "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
@AutoConfigureWebTestClient
class RedisStallTest {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final StallingProxy PROXY = new StallingProxy(TestServices.redisPort());

    @DynamicPropertySource
    static void redisBehindTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", PROXY::port);
    }

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @Autowired WebTestClient web;
    @Autowired ReactiveStringRedisTemplate redis;
    @Autowired ReactiveRedisIndexedSessionRepository sessions;
    @Autowired QueueStore store;

    @Test
    void aStalledRedisFailsAJoinWithinTheTimeoutWhilePollsGoOnAndJoinsWorkAgainAfterwards() {
        WebTestClient patient = web.mutate().responseTimeout(Duration.ofSeconds(90)).build();
        long product = TestSales.newProductId();
        var sale = TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 1, 60, 10));
        assertThat(store.join(sale, 4100, "", System.currentTimeMillis()).block(Duration.ofSeconds(5)).outcome())
                .isEqualTo(QueueStore.Outcome.ADMITTED_NOW);
        ResponseCookie ticket = joinWaiting(patient, product, shopper(4101)).getResponseCookies().getFirst(Ticket.cookieName(product));
        assertThat(ticket).isNotNull();
        Shopper late = shopper(4102);
        Csrf csrf = late.csrf(patient); // the page before the stall: the login is known, the token issued

        PROXY.stall();
        try {
            long started = System.nanoTime();
            String body = late.join(patient, product, csrf).expectStatus().is5xxServerError()
                    .expectBody(String.class).returnResult().getResponseBody();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // the command timeout is 3 s (application.yaml); Lettuce's own default would have been a minute
            assertThat(took).isLessThan(Duration.ofSeconds(15));
            // htmx does not swap an error in (room.js tries the join again); whatever the body, it holds no internals
            assertThat(body).doesNotContain("Exception").doesNotContain("trace").doesNotContain("lettuce");

            // polls are answered from the instance's cache: the waiting shopper still sees their place
            patient.get().uri("/p/{id}/poll", product).cookie(ticket.getName(), ticket.getValue()).header("HX-Request", "true")
                    .exchange().expectStatus().isOk()
                    .expectBody(String.class).value(page -> assertThat(page).contains("id=\"room-status\"").contains("<progress"));
        } finally {
            PROXY.resume();
        }

        // the same connections carry on once Redis answers: the late shopper gets their place
        late.join(patient, product, late.csrf(patient)).expectStatus().isOk()
                .expectHeader().exists(HttpHeaders.SET_COOKIE)
                .expectBody(String.class).value(page -> assertThat(page).contains("/p/" + product + "/poll"));
    }

    private record Csrf(String cookie, String token) {
    }

    private EntityExchangeResult<String> joinWaiting(WebTestClient client, long product, Shopper shopper) {
        return shopper.join(client, product, shopper.csrf(client)).expectStatus().isOk().expectBody(String.class).returnResult();
    }

    private Shopper shopper(long id) {
        return new Shopper("SESSION=" + TestShoppers.session(sessions, id, Role.SHOPPER));
    }

    private record Shopper(String sessionCookie) {

        Csrf csrf(WebTestClient client) {
            var page = client.get().uri("/").header(HttpHeaders.COOKIE, sessionCookie).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult();
            Matcher token = CSRF.matcher(page.getResponseBody());
            assertThat(token.find()).isTrue();
            return new Csrf(page.getResponseCookies().getFirst("QUEUE-XSRF-TOKEN").getValue(), token.group(1));
        }

        WebTestClient.ResponseSpec join(WebTestClient client, long product, Csrf csrf) {
            return client.post().uri("/p/{id}/join", product)
                    .header(HttpHeaders.COOKIE, sessionCookie + "; QUEUE-XSRF-TOKEN=" + csrf.cookie())
                    .header("X-XSRF-TOKEN", csrf.token()).header("HX-Request", "true").exchange();
        }
    }
}
