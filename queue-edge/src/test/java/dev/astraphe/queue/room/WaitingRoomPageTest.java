package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.astraphe.queue.QueueRedis;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.session.KnownSessions;
import dev.astraphe.shared.queue.QueueKeys;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.shared.web.LanguageCookie;
import dev.astraphe.testsupport.UsesRedis;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository.RedisSession;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** A shopper's way through the waiting room over HTTP: entrance, join with CSRF, session-less polls, admission. */
@UsesRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"astraphe.queue.admission-ticks=false", "astraphe.queue.grace=2s",
                "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
@AutoConfigureWebTestClient
class WaitingRoomPageTest {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @Autowired WebTestClient web;
    @Autowired AppLinks links;
    @Autowired ReactiveStringRedisTemplate redis;
    @Autowired ReactiveRedisIndexedSessionRepository sessions;
    @Autowired QueueStore store;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired KnownSessions knownSessions;
    @Autowired Heartbeats heartbeats;
    @Autowired TicketCodec tickets;

    @Test
    void entranceAutoJoinsAndTheFirstShopperOfAnOpenSaleIsAdmittedAtOnceToTheProductPage() {
        long product = openSale(1, 10);
        Shopper minji = shopper(101, Role.SHOPPER);

        String page = minji.get("/p/" + product).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("hx-post=\"/queue/p/" + product + "/join\"").contains("hx-trigger=\"load\"").contains("/js/room.js");

        EntityExchangeResult<String> joined = minji.joinFresh(product);
        assertThat(joined.getResponseHeaders().getFirst("HX-Redirect")).isEqualTo("http://localhost:8080/products/" + product);
        // the real admission: an ES256 JWS naming this shopper and this product
        com.nimbusds.jwt.SignedJWT admission = parse(joined.getResponseCookies().getFirst("ASTRAPHE_ADM_" + product).getValue());
        assertThat(admission.getHeader().getAlgorithm()).isEqualTo(com.nimbusds.jose.JWSAlgorithm.ES256);
        assertThat(admission.getHeader().getKeyID()).isNotBlank();
        assertThat(claims(admission).getSubject()).isEqualTo("101");
        assertThat(claims(admission).getClaim("pid")).isEqualTo(product);
    }

    @Test
    void thePageShowsTheProductsPictureFromTheStorefrontAndItsPriceBesideTheName() {
        long product = TestSales.newProductId();
        SaleSchedule plain = TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 1, 60, 10);
        TestSales.store(redis, new SaleSchedule(product, 1, plain.productName(), 1, plain.saleStartsAt(), null, 1, 60, 0, 10, 2,
                false, "SCHEDULED", "products/" + product + "/main shot.png", 249_000L));
        Shopper yuna = shopper(171, Role.SHOPPER);

        EntityExchangeResult<String> page = yuna.get("/p/" + product).expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(page.getResponseBody())
                .containsPattern("<img class=\"thumb\" alt=\"\" width=\"72\" height=\"72\"\\s+src=\"http://localhost:8080/images/products/"
                        + product + "/main%20shot.png\">")
                .contains("<p class=\"price\">249,000원</p>");
        // the storefront's origin may serve the page's pictures, and nothing else comes from it
        assertThat(page.getResponseHeaders().getFirst("Content-Security-Policy"))
                .contains("img-src 'self' data: http://localhost:8080;").contains("default-src 'self';");

        // a schedule that says nothing of either shows the name alone
        long bare = openSale(1, 10);
        assertThat(yuna.get("/p/" + bare).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain("class=\"thumb\"").doesNotContain("class=\"price\"");
    }

    @Test
    void theLanguageSwitchStoresTheChoiceForTheWholeHostAndShowsThePageAgainWithoutIt() {
        long product = openSale(1, 10);
        Shopper hana = shopper(151, Role.SHOPPER);
        assertThat(hana.get("/p/" + product).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("<a href=\"?lang=en\" lang=\"en\">English</a>");

        EntityExchangeResult<Void> chosen = hana.get("/p/" + product + "?lang=en").expectStatus().is3xxRedirection()
                .expectBody().isEmpty();
        assertThat(chosen.getResponseHeaders().getLocation()).hasToString("/queue/p/" + product);
        ResponseCookie language = chosen.getResponseCookies().getFirst("astraphe-lang");
        assertThat(language.getValue()).isEqualTo("en");
        assertThat(language.getPath()).isEqualTo("/"); // the storefront and the console read it too
        assertThat(language.getMaxAge()).isEqualTo(java.time.Duration.ofDays(365));

        // a language Astraphe does not speak changes nothing
        EntityExchangeResult<Void> unknown = hana.get("/p/" + product + "?lang=fr").expectStatus().is3xxRedirection()
                .expectBody().isEmpty();
        assertThat(unknown.getResponseCookies().getFirst("astraphe-lang")).isNull();
    }

    private static com.nimbusds.jwt.SignedJWT parse(String token) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(token);
        } catch (java.text.ParseException e) {
            throw new AssertionError("admission cookie is not a JWS: " + token, e);
        }
    }

    private static com.nimbusds.jwt.JWTClaimsSet claims(com.nimbusds.jwt.SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
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

        // a second tab (the same ticket) and a join sent again keep the place: no join, as the stats hash counts
        jisoo.join(product, ticket);
        jisoo.joining(product, ticket).expectStatus().isOk();
        String tag = Long.toString(product);
        assertThat(meters.get("astraphe.queue.joins").tag("product", tag).counter().count()).as("admitted at once and waiting").isEqualTo(2);
        assertThat(redis.<String, String>opsForHash().get(QueueKeys.stats(product), QueueKeys.STAT_JOINED).block()).isEqualTo("2");
        assertThat(meters.get("astraphe.queue.admissions").tag("product", tag).counter().count()).isEqualTo(1);
        assertThat(meters.get("astraphe.queue.polls").tag("product", tag).counter().count()).isEqualTo(1);
        assertThat(meters.get("astraphe.queue.waiting").tag("product", tag).gauge()).isNotNull();
        // and, for the operators, how long drops are held back for an instance behind: registered, and 0 (no tick runs
        // here; WaitingRoomQueueTest holds one back)
        assertThat(meters.get("astraphe.queue.drops.held.back").gauge().value()).isZero();

        var sale = TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 1, 1, 10);
        store.admit(sale, QueueTicks.now(sale) + 1, System.currentTimeMillis()).block();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(web.get().uri("/p/{id}/poll", product).cookie(ticket.getName(), ticket.getValue())
                        .header("HX-Request", "true").exchange().expectStatus().isOk()
                        .returnResult(String.class).getResponseHeaders().getFirst("HX-Redirect"))
                        .isEqualTo("http://localhost:8080/products/" + product));
    }

    @Test
    void aShopperWhoPickedEnglishOnTheStorefrontWaitsInEnglishWhateverTheBrowsersLanguages() {
        long product = openSale(0, 10);
        Shopper minji = shopper(941, Role.SHOPPER);
        ResponseCookie ticket = minji.joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        String korean = "ko-KR,ko;q=0.9";
        String english = LanguageCookie.NAME + "=en";

        web.get().uri("/p/{id}/poll", product).header(HttpHeaders.COOKIE, ticket.getName() + "=" + ticket.getValue() + "; " + english)
                .header("HX-Request", "true").header(HttpHeaders.ACCEPT_LANGUAGE, korean).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains(">People ahead of you: 0<").doesNotContain("내 앞에"));
        web.get().uri("/p/{id}", product)
                .header(HttpHeaders.COOKIE, minji.sessionCookie + "; " + ticket.getName() + "=" + ticket.getValue() + "; " + english)
                .header(HttpHeaders.ACCEPT_LANGUAGE, korean).exchange().expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page).contains("<html lang=\"en\">", "Waiting room"));
        // without the cookie, the browser's languages decide as before
        web.get().uri("/p/{id}/poll", product).cookie(ticket.getName(), ticket.getValue())
                .header("HX-Request", "true").header(HttpHeaders.ACCEPT_LANGUAGE, korean).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains(">내 앞에 0명<"));
    }

    @Test
    void anAdmittedShopperAskingAgainGetsTheSameAdmissionAndAPlainRequestIsSentOnToTheProductPage() {
        long product = openSale(1, 10);
        Shopper minji = shopper(111, Role.SHOPPER);
        String storefrontPage = "http://localhost:8080/products/" + product;

        com.nimbusds.jwt.JWTClaimsSet first = claims(parse(minji.joinFresh(product).getResponseCookies()
                .getFirst("ASTRAPHE_ADM_" + product).getValue()));
        // a repeated join (another tab, a double click): the same admission, not a second one to buy with
        var again = minji.post(product, true, true).expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(again.getResponseHeaders().getFirst("HX-Redirect")).isEqualTo(storefrontPage);
        com.nimbusds.jwt.JWTClaimsSet second = claims(parse(again.getResponseCookies().getFirst("ASTRAPHE_ADM_" + product).getValue()));
        assertThat(second.getJWTID()).isEqualTo(first.getJWTID());
        assertThat(second.getExpirationTime()).isEqualTo(first.getExpirationTime());

        // without htmx (a form post), the admitted shopper is redirected, with the same admission
        var plain = minji.post(product, true, false).expectStatus().isSeeOther().expectBody(String.class).returnResult();
        assertThat(plain.getResponseHeaders().getLocation()).hasToString(storefrontPage);
        assertThat(admissionId(plain, product)).isEqualTo(first.getJWTID());
    }

    @Test
    void aTicketHolderAdmittedByATickIsRedirectedFromThePageAndEveryPollGivesTheSameAdmission() {
        long product = openSale(1, 10);
        Shopper jisoo = shopper(122, Role.SHOPPER);
        ResponseCookie ticket = waitingBehind(shopper(121, Role.SHOPPER), jisoo, product);
        var sale = ticking(product);
        store.admit(sale, QueueTicks.now(sale) + 1, System.currentTimeMillis()).block();

        List<String> ids = new java.util.ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            ResponseCookie admission = poll(product, ticket).getResponseCookies().getFirst("ASTRAPHE_ADM_" + product);
            assertThat(admission).isNotNull();
            ids.add(claims(parse(admission.getValue())).getJWTID());
        });
        assertThat(admissionId(poll(product, ticket), product)).isEqualTo(ids.getLast());

        // the waiting room's page itself, loaded with the ticket: on to the product page with the admission
        var page = jisoo.pageHolding(product, ticket).expectStatus().isSeeOther().expectBody(String.class).returnResult();
        assertThat(page.getResponseHeaders().getLocation()).hasToString("http://localhost:8080/products/" + product);
        assertThat(admissionId(page, product)).isEqualTo(ids.getLast());
    }

    @Test
    void aSecondTabOfAnAdmittedShopperIsSentOnToTheProductPageNotToldToRejoin() {
        long product = openSale(1, 10);
        // the first tab's admission set the admission cookie and removed the ticket both tabs shared
        ResponseCookie admission = shopper(141, Role.SHOPPER).joinFresh(product).getResponseCookies()
                .getFirst("ASTRAPHE_ADM_" + product);

        var second = web.get().uri("/p/{id}/poll", product).cookie(admission.getName(), admission.getValue())
                .header("HX-Request", "true").header("Accept-Language", "en").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        assertThat(second.getResponseHeaders().getFirst("HX-Redirect")).isEqualTo("http://localhost:8080/products/" + product);
        assertThat(second.getResponseBody()).contains("room-admitted").doesNotContain("Join again");

        // without an admission, a poll without a ticket is still told its place is gone
        assertThat(web.get().uri("/p/{id}/poll", product).header("HX-Request", "true").header("Accept-Language", "en")
                .exchange().expectBody(String.class).returnResult().getResponseBody()).contains("Join again");
    }

    @Test
    void aDroppedShoppersTicketIsRemovedSoThatTheRejoinLinkJoinsAfresh() {
        long product = openSale(1, 10);
        Shopper dropped = shopper(132, Role.SHOPPER);
        ResponseCookie ticket = waitingBehind(shopper(131, Role.SHOPPER), dropped, product);
        // silent past the grace (2 s here) when the next tick reaches them
        var sale = ticking(product);
        assertThat(store.admit(sale, QueueTicks.now(sale) + 1, System.currentTimeMillis() + 5_000).block().dropped()).isEqualTo(1);

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var polled = poll(product, ticket);
            assertThat(polled.getResponseBody()).contains("Join again");
            ResponseCookie removed = polled.getResponseCookies().getFirst(Ticket.cookieName(product));
            assertThat(removed).isNotNull();
            assertThat(removed.getMaxAge()).isZero();
            assertThat(removed.getPath()).isEqualTo("/queue");
        });
        // the page answers the same, and removes the ticket too
        var page = dropped.pageHolding(product, ticket).expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(page.getResponseCookies().getFirst(Ticket.cookieName(product)).getMaxAge()).isZero();
        // without it (as the browser now is), the rejoin link's page joins by itself, and the shopper gets a new place
        String entrance = dropped.get("/p/" + product).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(entrance).contains("hx-post=\"/queue/p/" + product + "/join\"").contains("hx-trigger=\"load\"");
        ResponseCookie fresh = dropped.joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        assertThat(fresh.getValue()).isNotEqualTo(ticket.getValue());
        assertThat(fresh.getMaxAge()).isPositive();
    }

    @Test
    void aTicketFromTheProductsSaleBeforeIsRefusedAndRemovedOnPollPageAndJoin() {
        long product = openSale(0, 10);
        Shopper returning = shopper(141, Role.SHOPPER);
        ResponseCookie old = returning.joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        // the product is sold again: the schedule store began a new waiting room after this ticket was issued
        redis.opsForHash().put(QueueKeys.stats(product), "since", Long.toString(System.currentTimeMillis() + 1)).block();
        shopper(142, Role.SHOPPER).joinFresh(product); // the new sale's first shopper

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var polled = poll(product, old);
            assertThat(polled.getResponseBody()).contains("Join again");
            assertThat(polled.getResponseCookies().getFirst(Ticket.cookieName(product)).getMaxAge()).isZero();
        });
        var page = returning.pageHolding(product, old).expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(page.getResponseBody()).contains("hx-post=\"/queue/p/" + product + "/join\"");
        assertThat(page.getResponseCookies().getFirst(Ticket.cookieName(product)).getMaxAge()).isZero();
        // joining with it is joining without it: the third place, behind the new sale's first shopper, not the old
        // ticket's first (the estimate counts the place left behind too: "2 ahead"; kept, the answer was "0 ahead")
        var joined = returning.join(product, old);
        assertThat(joined.getResponseBody()).contains(">People ahead of you: 2<");
        assertThat(joined.getResponseCookies().getFirst(Ticket.cookieName(product)).getValue()).isNotEqualTo(old.getValue());
    }

    @Test
    void pollsForProductsWithoutASaleAreAnsweredWithoutBeingKeptOrMeasured() {
        long unknown = 999_999_991L;
        for (int i = 0; i < 3; i++) {
            web.get().uri("/p/{id}/poll", unknown).header("HX-Request", "true").exchange().expectStatus().isOk()
                    .expectBody(String.class).value(body -> assertThat(body).doesNotContain("hx-get"));
        }
        // no gauge (it would stay for good) and so no cache entry re-read from Redis four times a second
        assertThat(meters.find("astraphe.queue.waiting").tag("product", Long.toString(unknown)).gauge()).isNull();
    }

    @Test
    void theLoginIsReadFromRedisOnceForThePageAndNotAgainForTheJoin() {
        await().atMost(Duration.ofSeconds(10)).until(knownSessions::listening);
        long product = openSale(0, 10);
        Shopper minji = shopper(801, Role.SHOPPER);
        AtomicInteger reads = SessionReads.of(minji.sessionCookie.substring("SESSION=".length()));

        var page = minji.get("/p/" + product).expectStatus().isOk().expectBody(String.class).returnResult();
        // the security chain asks for the login (authorisation) and so does the page (the principal): one read
        assertThat(reads).hasValue(1);
        Matcher token = CSRF.matcher(page.getResponseBody());
        assertThat(token.find()).isTrue();

        // the session is live and nothing changed it since: its login is known (KnownSessions)
        web.post().uri("/p/{id}/join", product)
                .header(HttpHeaders.COOKIE, minji.sessionCookie + "; QUEUE-XSRF-TOKEN="
                        + page.getResponseCookies().getFirst("QUEUE-XSRF-TOKEN").getValue())
                .header("X-XSRF-TOKEN", token.group(1)).header("HX-Request", "true")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED) // as htmx posts it, with an empty body
                .exchange().expectStatus().isOk()
                .expectHeader().value(HttpHeaders.SET_COOKIE, cookie -> assertThat(cookie).startsWith(Ticket.cookieName(product) + "="));

        assertThat(reads).hasValue(1);
    }

    @Test
    void aPollNeverLoadsOrExtendsTheSession() {
        long product = openSale(0, 10);
        Shopper shopper = shopper(701, Role.SHOPPER);
        ResponseCookie ticket = shopper.joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        String sessionId = shopper.sessionCookie.substring("SESSION=".length());
        RedisSession session = sessions.findById(sessionId).block();
        session.setLastAccessedTime(Instant.now().minus(Duration.ofHours(1)));
        sessions.save(session).block();
        Instant before = sessions.findById(sessionId).block().getLastAccessedTime();

        web.get().uri("/p/{id}/poll", product)
                .header(HttpHeaders.COOKIE, shopper.sessionCookie + "; " + ticket.getName() + "=" + ticket.getValue())
                .exchange().expectStatus().isOk().expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);

        assertThat(sessions.findById(sessionId).block().getLastAccessedTime()).isEqualTo(before);
    }

    @Test
    void soldOutReachesAWaitingShopperOnTheNextPoll() {
        long product = openSale(0, 10);
        ResponseCookie ticket = shopper(301, Role.SHOPPER).joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        // waiting first: the poll shows the place and asks again
        web.get().uri("/p/{id}/poll", product).cookie(ticket.getName(), ticket.getValue()).header("Accept-Language", "en")
                .exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("hx-get").doesNotContain("Sold out"));

        redis.opsForHash().put(QueueKeys.sale(product), "soldOut", "1").block();

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                web.get().uri("/p/{id}/poll", product).cookie(ticket.getName(), ticket.getValue())
                        .header("Accept-Language", "en").exchange().expectStatus().isOk()
                        .expectBody(String.class).value(body -> assertThat(body).contains("Sold out").doesNotContain("hx-get")));
    }

    @Test
    void aStopReachesAWaitingShopperOnTheNextPollAsCalledOff() {
        long product = openSale(0, 10);
        ResponseCookie ticket = shopper(303, Role.SHOPPER).joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        assertThat(poll(product, ticket).getResponseBody()).contains("hx-get").doesNotContain("called off");

        redis.opsForHash().put(QueueKeys.control(product), QueueKeys.CONTROL_STATE, "STOPPED").block();

        // as the storefront's product page says it, not "ended": the sale did not run its course; nothing more to poll
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(poll(product, ticket).getResponseBody())
                .contains("This sale was called off").doesNotContain("The sale has ended").doesNotContain("hx-get"));
        // a shopper arriving now is told the same
        assertThat(shopper(304, Role.SHOPPER).get("/p/" + product).expectBody(String.class).returnResult().getResponseBody())
                .contains("판매가 중단되었습니다");
    }

    @Test
    void admissionsHoldingEveryUnitTellTheWaitingSoWithoutAWaitUntilOneLapses() {
        long product = openSale(0, 2);
        ResponseCookie ticket = shopper(302, Role.SHOPPER).joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        long now = System.currentTimeMillis();
        // two shoppers admitted just now hold the sale's two units: nobody is admitted until one's hold lapses
        redis.opsForZSet().add(QueueKeys.recentAdmissions(product), "9001", now).block();
        redis.opsForZSet().add(QueueKeys.recentAdmissions(product), "9002", now).block();

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(poll(product, ticket).getResponseBody())
                .contains("Every unit is held").contains("Estimated wait: shown again").contains("hx-get"));

        // one admission made longer ago than an admission holds its unit: a unit is free again, the wait comes back
        redis.opsForZSet().add(QueueKeys.recentAdmissions(product), "9001", now - Duration.ofMinutes(11).toMillis()).block();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(poll(product, ticket).getResponseBody())
                .doesNotContain("Every unit is held").containsPattern("Estimated wait (about \\d+ min|under a minute)"));
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
    void aBrowserWithTwoSessionCookiesIsStillToldApartByItsLogin() {
        // several session cookies take Spring Security's own way to the login, not the stored-login read
        long product = openSale(0, 10);
        Shopper shopper = shopper(611, Role.SHOPPER);
        Shopper seller = shopper(612, Role.SELLER);

        var joined = new Shopper(shopper.sessionCookie + "; SESSION=no-such-session").post(product, true, true)
                .expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(joined.getResponseCookies().getFirst("ASTRAPHE_TKT_" + product)).isNotNull();
        var refused = new Shopper(seller.sessionCookie + "; SESSION=no-such-session").post(product, true, true)
                .expectStatus().isForbidden().expectBody(String.class).returnResult();
        assertThat(refused.getResponseBody()).contains("구매자 계정만");
    }

    @Test
    void joiningNeedsTheCsrfTokenAndAShopperAndAPlainFormPostGoesBackToThePage() {
        long product = openSale(0, 10);
        Shopper minji = shopper(601, Role.SHOPPER);

        var forged = minji.post(product, false, true).expectStatus().isForbidden().expectBody(String.class).returnResult();
        assertThat(forged.getResponseCookies().getFirst("ASTRAPHE_TKT_" + product)).isNull();

        var plain = minji.post(product, true, false).expectStatus().isSeeOther().expectBody(String.class).returnResult();
        assertThat(plain.getResponseHeaders().getLocation()).hasToString("/queue/p/" + product);
        assertThat(plain.getResponseCookies().getFirst("ASTRAPHE_TKT_" + product)).isNotNull();

        var seller = shopper(602, Role.SELLER).post(product, true, true).expectStatus().isForbidden()
                .expectBody(String.class).returnResult();
        assertThat(seller.getResponseBody()).contains("구매자 계정만");
        assertThat(seller.getResponseCookies().getFirst("ASTRAPHE_TKT_" + product)).isNull();

        var unknown = minji.post(999_999_999L, true, true).expectStatus().isNotFound().expectBody(String.class).returnResult();
        assertThat(unknown.getResponseBody()).contains("상품을 찾을 수 없습니다");

        // the token as a form field (a browser without JavaScript) works as well as the header
        var form = shopper(603, Role.SHOPPER).postForm(product).expectStatus().isSeeOther().expectBody(String.class).returnResult();
        assertThat(form.getResponseCookies().getFirst("ASTRAPHE_TKT_" + product)).isNotNull();

        // signed out: without a token refused, with one (the CSRF cookie is not tied to the session) to the
        // storefront's login; no ticket either way
        var noToken = web.post().uri("/p/{id}/join", product).header("HX-Request", "true").exchange()
                .expectStatus().isForbidden().expectBody(String.class).returnResult();
        assertThat(noToken.getResponseCookies().getFirst("ASTRAPHE_TKT_" + product)).isNull();
        var page = minji.get("/p/" + product).expectBody(String.class).returnResult();
        Matcher token = CSRF.matcher(page.getResponseBody());
        assertThat(token.find()).isTrue();
        String csrfCookie = "QUEUE-XSRF-TOKEN=" + page.getResponseCookies().getFirst("QUEUE-XSRF-TOKEN").getValue();
        // htmx: a 401 whose HX-Redirect htmx follows as a page load (a 302 would be followed inside the request, and
        // the login page swapped into the status); back to the waiting room's page, which joins by itself, since
        // nothing answers a GET of the join
        var signedOut = web.post().uri("/p/{id}/join", product).header("HX-Request", "true")
                .header(HttpHeaders.COOKIE, csrfCookie).header("X-XSRF-TOKEN", token.group(1)).exchange()
                .expectStatus().isUnauthorized().expectBody(String.class).returnResult();
        String toLogin = signedOut.getResponseHeaders().getFirst("HX-Redirect");
        assertThat(toLogin).startsWith(links.storefront("/login"))
                .endsWith(URLEncoder.encode(links.queue() + "/p/" + product, StandardCharsets.UTF_8));
        assertThat(signedOut.getResponseCookies().getFirst("ASTRAPHE_TKT_" + product)).isNull();
        // a form without script: the same page, by a redirect
        var signedOutForm = web.post().uri("/p/{id}/join", product).header(HttpHeaders.COOKIE, csrfCookie)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("_csrf=" + token.group(1)).exchange()
                .expectStatus().isFound().expectBody(String.class).returnResult();
        assertThat(signedOutForm.getResponseHeaders().getLocation().toString()).isEqualTo(toLogin);
    }

    @Test
    void aJoinCarryingTheCsrfHeaderIsJudgedByTheHeaderWithoutReadingItsForm() {
        long product = openSale(0, 10);

        // Spring's own handler reads the form first and would refuse this one
        var header = shopper(604, Role.SHOPPER).postForm(product, false, true).expectStatus().isSeeOther()
                .expectBody(String.class).returnResult();
        assertThat(header.getResponseCookies().getFirst("ASTRAPHE_TKT_" + product)).isNotNull();

        var wrongHeader = shopper(605, Role.SHOPPER).postForm(product, true, false).expectStatus().isForbidden()
                .expectBody(String.class).returnResult();
        assertThat(wrongHeader.getResponseCookies().getFirst("ASTRAPHE_TKT_" + product)).isNull();

        shopper(606, Role.SHOPPER).postForm(product, false, null).expectStatus().isForbidden();
    }

    @Test
    void twoPagesLoadedAtOnceEachMakeATokenAndAJoinCarryingTheCookiesOwnTokenIsTaken() {
        long product = openSale(0, 10);
        Shopper minji = shopper(607, Role.SHOPPER);
        // two tabs of a browser without the CSRF cookie, loaded at the same moment: each page its own token
        var first = minji.get("/p/" + product).expectBody(String.class).returnResult();
        var second = minji.get("/p/" + product).expectBody(String.class).returnResult();
        String firstCookie = first.getResponseCookies().getFirst("QUEUE-XSRF-TOKEN").getValue();
        ResponseCookie secondCookie = second.getResponseCookies().getFirst("QUEUE-XSRF-TOKEN");
        assertThat(secondCookie.getValue()).isNotEqualTo(firstCookie);
        assertThat(secondCookie.isHttpOnly()).as("csrf.js reads it").isFalse();
        Matcher firstPageToken = CSRF.matcher(first.getResponseBody());
        assertThat(firstPageToken.find()).isTrue();
        // the browser keeps the later cookie: the first page's own token no longer matches it
        String cookies = minji.sessionCookie + "; QUEUE-XSRF-TOKEN=" + secondCookie.getValue();
        web.post().uri("/p/{id}/join", product).header(HttpHeaders.COOKIE, cookies).header("HX-Request", "true")
                .header("X-XSRF-TOKEN", firstPageToken.group(1)).exchange().expectStatus().isForbidden();
        // csrf.js sends the cookie's token as it is when the request leaves: taken, from either tab
        var joined = web.post().uri("/p/{id}/join", product).header(HttpHeaders.COOKIE, cookies).header("HX-Request", "true")
                .header("X-XSRF-TOKEN", secondCookie.getValue()).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        assertThat(joined.getResponseCookies().getFirst(Ticket.cookieName(product))).isNotNull();
        // a token as it is must still be the cookie's: another's, or the earlier cookie's, is refused
        web.post().uri("/p/{id}/join", product).header(HttpHeaders.COOKIE, cookies).header("HX-Request", "true")
                .header("X-XSRF-TOKEN", firstCookie).exchange().expectStatus().isForbidden();
        web.post().uri("/p/{id}/join", product).header(HttpHeaders.COOKIE, minji.sessionCookie).header("HX-Request", "true")
                .header("X-XSRF-TOKEN", secondCookie.getValue()).exchange().expectStatus().isForbidden();
    }

    @Test
    void aPreQueueTicketLearnsItsDrawnPlaceOnTheFirstPollAfterTheShuffle() {
        long product = TestSales.newProductId();
        Instant start = Instant.now().plusSeconds(60);
        SaleSchedule sale = TestSales.store(redis, TestSales.sale(product, start, Duration.ZERO, 1, 10, 10));
        EntityExchangeResult<String> joined = shopper(801, Role.SHOPPER).joinFresh(product);
        assertThat(joined.getResponseBody()).contains("data-countdown-to").contains("/poll")
                // the draw's time as the storefront writes times
                .contains("At the start (" + java.time.format.DateTimeFormatter.ofPattern("EEE, MMM d, HH:mm", java.util.Locale.ENGLISH)
                        .format(start.atZone(java.time.ZoneId.of("Asia/Seoul"))) + ", Korea time)");
        ResponseCookie prequeueTicket = joined.getResponseCookies().getFirst(Ticket.cookieName(product));

        assertThat(store.draw(sale, "test", new java.util.Random(1)).block()).isEqualTo(1);

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var polled = web.get().uri("/p/{id}/poll", product).cookie(prequeueTicket.getName(), prequeueTicket.getValue())
                    .header("Accept-Language", "en").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
            assertThat(polled.getResponseBody()).contains("People ahead of you: 0");
            ResponseCookie placed = polled.getResponseCookies().getFirst(Ticket.cookieName(product));
            assertThat(placed).isNotNull();
            assertThat(placed.getValue()).isNotEqualTo(prequeueTicket.getValue());
        });
    }

    @Test
    void aPausedQueueTellsTheWaitingShopperAndKeepsPolling() {
        long product = openSale(0, 10);
        ResponseCookie ticket = shopper(901, Role.SHOPPER).joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));

        redis.opsForHash().put(QueueKeys.control(product), QueueKeys.CONTROL_STATE, "PAUSED").block();

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                web.get().uri("/p/{id}/poll?hidden=1", product).cookie(ticket.getName(), ticket.getValue())
                        .header("Accept-Language", "en").exchange().expectStatus().isOk()
                        .expectBody(String.class).value(body -> assertThat(body)
                                .contains("The queue is paused").contains("hx-trigger=\"load delay:30s\"")));
        // a newcomer's page, before its join answers, claims no state it has not asked the line about
        shopper(902, Role.SHOPPER).get("/p/" + product).expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("room-entering", "입장 확인 중").doesNotContain("판매 중"));
    }

    @Test
    void aHiddenSaleKeepsItsWaitingShoppersPollingAsPausedAndLetsNobodyNewIn() {
        long product = openSale(0, 10);
        ResponseCookie ticket = shopper(911, Role.SHOPPER).joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        String place = redis.opsForZSet().score(QueueKeys.line(product), "911").block().toString();
        redis.opsForHash().putAll(QueueKeys.sale(product), java.util.Map.of("mainImageKey", "products/" + product + "/main.png",
                "salePrice", "99000")).block();

        redis.opsForHash().put(QueueKeys.sale(product), "hidden", "true").block();

        // the shopper with a place is told the queue is paused and keeps polling, with the page and a join alike
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(poll(product, ticket).getResponseBody())
                .contains("The queue is paused").contains("hx-get").doesNotContain("The sale has ended"));
        // (without the product's picture and price: the storefront shows a hidden product to nobody)
        shopper(911, Role.SHOPPER).pageHolding(product, ticket).expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("hx-get").contains("room-paused")
                        .doesNotContain("class=\"thumb\"").doesNotContain("class=\"price\""));
        assertThat(shopper(911, Role.SHOPPER).join(product, ticket).getResponseBody())
                .contains("hx-get").contains("room-paused");
        // nobody new joins it: to them it is not there, as in the storefront (not "ended", nor its name)
        shopper(912, Role.SHOPPER).joining(product, null).expectStatus().isNotFound().expectBody(String.class)
                .value(body -> assertThat(body).contains("room-not_found").doesNotContain("hx-get")
                        .doesNotContain("room-ended").doesNotContain("한정판"));
        shopper(912, Role.SHOPPER).get("/p/" + product).expectStatus().isNotFound()
                .expectBody(String.class).value(body -> assertThat(body).contains("room-not_found").doesNotContain("한정판")
                        .doesNotContain("class=\"thumb\"").doesNotContain("99,000"));
        // nor does a poll without a place tell that a sale is there
        web.get().uri("/p/{id}/poll", product).header("HX-Request", "true").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("room-not_found").doesNotContain("한정판"));
        assertThat(redis.opsForZSet().score(QueueKeys.line(product), "912").block()).isNull();

        // shown again: the shopper waits as before, in the same place
        redis.opsForHash().put(QueueKeys.sale(product), "hidden", "false").block();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(poll(product, ticket).getResponseBody())
                .contains("hx-get").doesNotContain("The queue is paused"));
        assertThat(redis.opsForZSet().score(QueueKeys.line(product), "911").block().toString()).isEqualTo(place);
    }

    @Test
    void aPageLoadCountsAsASignOfLifeAndAnOldTicketIsRenewedForTheSamePlace() {
        long product = openSale(0, 10);
        ResponseCookie ticket = shopper(921, Role.SHOPPER).joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        long place = redis.opsForZSet().score(QueueKeys.line(product), "921").block().longValue();
        // as if the shopper had joined a while ago and not polled since (a reload, or no script)
        redis.opsForHash().put(QueueKeys.heartbeats(product), "921", "1").block();

        shopper(921, Role.SHOPPER).pageHolding(product, ticket).expectStatus().isOk();
        heartbeats.flush();
        assertThat(Long.parseLong(redis.<String, String>opsForHash().get(QueueKeys.heartbeats(product), "921").block()))
                .isGreaterThan(System.currentTimeMillis() - 60_000);

        // a ticket a day and a half old (it lasts two): the poll gives it again, for the same place
        long old = System.currentTimeMillis() - Duration.ofHours(36).toMillis();
        String aged = tickets.encode(new Ticket(product, 921, place, old));
        redis.opsForHash().put(QueueKeys.stats(product), "since", Long.toString(old - 1)).block();
        var answer = web.get().uri("/p/{id}/poll", product).cookie(Ticket.cookieName(product), aged)
                .header("HX-Request", "true").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        ResponseCookie renewed = answer.getResponseCookies().getFirst(Ticket.cookieName(product));
        assertThat(renewed).isNotNull();
        Ticket read = tickets.decode(renewed.getValue(), product, System.currentTimeMillis()).orElseThrow();
        assertThat(read.sequence()).isEqualTo(place);
        assertThat(read.issuedAtMillis()).isGreaterThan(System.currentTimeMillis() - 60_000);
        assertThat(answer.getResponseBody()).contains("hx-get");
    }

    @Test
    void theProgressBarCountsFromTheJoinAlsoAfterAReloadAndASecondTab() {
        long product = openSale(0, 10);
        shopper(931, Role.SHOPPER).joinFresh(product);
        shopper(932, Role.SHOPPER).joinFresh(product);
        Shopper third = shopper(933, Role.SHOPPER);
        ResponseCookie ticket = third.joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
        assertThat(tickets.decode(ticket.getValue(), product, System.currentTimeMillis()).orElseThrow().aheadAtIssue())
                .isEqualTo(2);

        var sale = ticking(product);
        store.admit(sale, QueueTicks.now(sale) + 1, System.currentTimeMillis()).block(); // the first of the three
        // a reload: one of the two ahead has gone, so the bar stands at half, not at 0 as for a newcomer
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                third.pageHolding(product, ticket).expectStatus().isOk().expectBody(String.class)
                        .value(page -> assertThat(page).contains("value=\"50\"").contains("poll?from=2")));
        // a second tab keeps the place and the bar's start
        ResponseCookie again = third.join(product, ticket).getResponseCookies().getFirst(Ticket.cookieName(product));
        assertThat(tickets.decode(again.getValue(), product, System.currentTimeMillis()).orElseThrow().aheadAtIssue())
                .isEqualTo(2);
    }

    @Test
    void beforeThePreQueueWindowTheShopperIsToldWhenToComeBack() {
        long product = TestSales.newProductId();
        TestSales.store(redis, TestSales.sale(product, Instant.now().plus(Duration.ofHours(2)), Duration.ZERO, 1, 10, 10));

        Shopper shopper = shopper(601, Role.SHOPPER);
        shopper.get("/p/" + product).expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("다시 와 주세요").contains("data-countdown-to").doesNotContain("hx-post")
                        // the time as the storefront writes it, in the reader's language
                        .containsPattern("\\d{1,2}월 \\d{1,2}일 \\([월화수목금토일]\\) \\d{2}:\\d{2} \\(한국 시간\\)"));
        web.get().uri("/p/{id}", product).header(HttpHeaders.COOKIE, shopper.sessionCookie + "; " + LanguageCookie.NAME + "=en")
                .exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .containsPattern("come back at (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \\d{1,2}, \\d{2}:\\d{2} \\(Korea time\\)"));
    }

    /** The id ({@code jti}) of the admission whose cookie the answer sets. */
    private static String admissionId(org.springframework.test.web.reactive.server.ExchangeResult answer, long product) {
        return claims(parse(answer.getResponseCookies().getFirst("ASTRAPHE_ADM_" + product).getValue())).getJWTID();
    }

    /** {@code first} takes the open sale's one admission at once; {@code waiting} joins after them: their ticket. */
    private static ResponseCookie waitingBehind(Shopper first, Shopper waiting, long product) {
        first.joinFresh(product);
        return waiting.joinFresh(product).getResponseCookies().getFirst(Ticket.cookieName(product));
    }

    /** {@link #openSale} as the admission ticks see it once a second has passed: one admission a second. */
    private static dev.astraphe.queue.schedule.SaleSchedule ticking(long product) {
        return TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 1, 1, 10);
    }

    /** A poll as htmx sends it, with the ticket alone, in English. */
    private EntityExchangeResult<String> poll(long product, ResponseCookie ticket) {
        return web.get().uri("/p/{id}/poll", product).cookie(ticket.getName(), ticket.getValue())
                .header("HX-Request", "true").header("Accept-Language", "en").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
    }

    /** A sale that opened a moment ago; batch 0 means nobody is admitted at once, so joiners wait. */
    private long openSale(int batch, int stock) {
        long product = TestSales.newProductId();
        TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, batch, 60, stock));
        return product;
    }

    /**
     * Counts the reads of each stored session through {@link QueueRedis#sessionFields}, one per subscription: Lettuce's
     * commands are cold, so every subscription to the returned Mono is a round trip to Redis. The counting spy is in
     * place before the application starts; stubbing a spy while its scheduled tasks call it let one of their calls
     * take the stub (Mockito's UnfinishedStubbingException, now and then).
     */
    @TestConfiguration
    static class SessionReads {

        private static final String PREFIX = "astraphe:session:sessions:";
        private static final Map<String, AtomicInteger> READS = new ConcurrentHashMap<>();

        static AtomicInteger of(String sessionId) {
            return READS.computeIfAbsent(PREFIX + sessionId, key -> new AtomicInteger());
        }

        @Bean
        static BeanPostProcessor countSessionReads() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof QueueRedis real)) {
                        return bean;
                    }
                    return Mockito.mock(QueueRedis.class, Mockito.withSettings().spiedInstance(real).defaultAnswer(call -> {
                        Object result = call.callRealMethod();
                        if (call.getMethod().getName().equals("sessionFields") && result instanceof Mono<?> reply) {
                            AtomicInteger reads = of(((String) call.getArgument(0)).substring(PREFIX.length()));
                            return reply.doOnSubscribe(subscription -> reads.incrementAndGet());
                        }
                        return result;
                    }));
                }
            };
        }
    }

    private Shopper shopper(long id, Role role) {
        return new Shopper("SESSION=" + TestShoppers.session(sessions, id, role));
    }

    private final class Shopper {
        private final String sessionCookie;

        Shopper(String sessionCookie) {
            this.sessionCookie = sessionCookie;
        }

        WebTestClient.ResponseSpec get(String path) {
            return web.get().uri(path).header(HttpHeaders.COOKIE, sessionCookie).exchange();
        }

        /** The waiting room's page, loaded with {@code ticket} as the browser holds it. */
        WebTestClient.ResponseSpec pageHolding(long product, ResponseCookie ticket) {
            return web.get().uri("/p/{id}", product)
                    .header(HttpHeaders.COOKIE, sessionCookie + "; " + ticket.getName() + "=" + ticket.getValue()).exchange();
        }

        /** An htmx join without a ticket, with the CSRF pair of a freshly loaded page. */
        EntityExchangeResult<String> joinFresh(long product) {
            return join(product, null);
        }

        /** A join with or without the CSRF header, as htmx or as a plain form would send it. */
        WebTestClient.ResponseSpec post(long product, boolean csrf, boolean htmx) {
            var pageResult = web.get().uri("/").header(HttpHeaders.COOKIE, sessionCookie).exchange()
                    .expectBody(String.class).returnResult();
            var csrfCookie = pageResult.getResponseCookies().getFirst("QUEUE-XSRF-TOKEN");
            Matcher m = CSRF.matcher(pageResult.getResponseBody());
            assertThat(csrfCookie).isNotNull();
            assertThat(m.find()).isTrue();
            var request = web.post().uri("/p/{id}/join", product)
                    .header(HttpHeaders.COOKIE, sessionCookie + "; QUEUE-XSRF-TOKEN=" + csrfCookie.getValue());
            if (csrf) {
                request = request.header("X-XSRF-TOKEN", m.group(1));
            }
            if (htmx) {
                request = request.header("HX-Request", "true");
            }
            return request.exchange();
        }

        /** A join as a plain HTML form sends it: the CSRF token in the {@code _csrf} field, no header. */
        WebTestClient.ResponseSpec postForm(long product) {
            return postForm(product, true, null);
        }

        /**
         * A form post with the page's token in the {@code _csrf} field or a wrong one there, and optionally an
         * {@code X-XSRF-TOKEN} header: the page's token (true) or a wrong one (false).
         */
        WebTestClient.ResponseSpec postForm(long product, boolean rightField, Boolean rightHeader) {
            var pageResult = web.get().uri("/").header(HttpHeaders.COOKIE, sessionCookie).exchange()
                    .expectBody(String.class).returnResult();
            var csrfCookie = pageResult.getResponseCookies().getFirst("QUEUE-XSRF-TOKEN");
            Matcher m = CSRF.matcher(pageResult.getResponseBody());
            assertThat(m.find()).isTrue();
            String wrong = java.util.Base64.getUrlEncoder().encodeToString(new byte[72]);
            var request = web.post().uri("/p/{id}/join", product)
                    .header(HttpHeaders.COOKIE, sessionCookie + "; QUEUE-XSRF-TOKEN=" + csrfCookie.getValue());
            if (rightHeader != null) {
                request = request.header("X-XSRF-TOKEN", rightHeader ? m.group(1) : wrong);
            }
            return request.contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("_csrf=" + java.net.URLEncoder.encode(rightField ? m.group(1) : wrong, java.nio.charset.StandardCharsets.UTF_8))
                    .exchange();
        }

        /** What htmx does on load: POST with the token from the page's meta tag and the CSRF cookie. */
        /** An htmx join, sending {@code ticket} too if there is one (English answers). */
        EntityExchangeResult<String> join(long product, ResponseCookie ticket) {
            return joining(product, ticket).expectStatus().isOk().expectBody(String.class).returnResult();
        }

        /** An htmx join, with or without a ticket, with the CSRF pair of the waiting room's page as it was answered. */
        WebTestClient.ResponseSpec joining(long product, ResponseCookie ticket) {
            var pageResult = get("/p/" + product).expectBody(String.class).returnResult();
            String csrfCookie = pageResult.getResponseCookies().getFirst("QUEUE-XSRF-TOKEN").getValue();
            String html = pageResult.getResponseBody();
            Matcher m = CSRF.matcher(html);
            assertThat(m.find()).isTrue();
            String cookies = sessionCookie + "; QUEUE-XSRF-TOKEN=" + csrfCookie
                    + (ticket == null ? "" : "; " + ticket.getName() + "=" + ticket.getValue());
            return web.post().uri("/p/{id}/join", product)
                    .header(HttpHeaders.COOKIE, cookies).header("Accept-Language", "en")
                    .header("X-XSRF-TOKEN", m.group(1)).header("HX-Request", "true").exchange();
        }
    }
}
