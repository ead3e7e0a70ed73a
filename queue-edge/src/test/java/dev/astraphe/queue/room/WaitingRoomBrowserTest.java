package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;
import dev.astraphe.shared.queue.QueueKeys;
import dev.astraphe.shared.session.Role;
import dev.astraphe.testsupport.Chromium;
import dev.astraphe.testsupport.UsesRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;

/**
 * The waiting room in a real browser (Debian's Chromium driven by Playwright), where its scripts run: a join or poll
 * that gets no answer, or a 5xx, is tried again and the page says so, instead of the tab going quiet for good.
 * Failures are made by intercepting the browser's own requests; the server is the real queue-edge on real Redis.
 *
 * <p>Needs a Chromium (see {@link Chromium}).
 */
@UsesRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a grace far longer than the failures last: a shopper silent for longer is dropped, as they should be
        // and a join unanswered for 10 s given up, not 30 (still longer than a join is held on purpose below)
        properties = {"astraphe.queue.admission-ticks=false", "astraphe.queue.grace=5m", "astraphe.queue.join-patience=10s",
                "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
class WaitingRoomBrowserTest {

    private static final double PATIENCE_MS = 20_000;

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort int port;
    @Autowired ReactiveStringRedisTemplate redis;
    @Autowired ReactiveRedisIndexedSessionRepository sessions;
    @Autowired QueueStore store;

    @Test
    void aFailedJoinAndFailedPollsAreTriedAgainUntilTheShopperIsAdmitted() {
        long product = TestSales.newProductId();
        // open a moment ago, one admission a minute, taken by someone else: the shopper waits, first in line, polled every 2 s
        var sale = TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 1, 60, 10));
        assertThat(store.join(sale, 3100, "", System.currentTimeMillis()).block(Duration.ofSeconds(5)).outcome())
                .isEqualTo(QueueStore.Outcome.ADMITTED_NOW);

        try (BrowserContext context = signedIn(TestShoppers.session(sessions, 3101, Role.SHOPPER))) {
            Page page = context.newPage();

            AtomicInteger joinsRefused = new AtomicInteger();
            AtomicInteger joinsServed = new AtomicInteger();
            page.route("**/queue/p/" + product + "/join", route -> {
                if (joinsRefused.get() == 0) {
                    joinsRefused.incrementAndGet();
                    route.fulfill(new Route.FulfillOptions().setStatus(503).setBody("busy"));
                } else {
                    joinsServed.incrementAndGet();
                    route.resume();
                }
            });
            AtomicBoolean pollsFail = new AtomicBoolean(true);
            AtomicInteger pollsFailed = new AtomicInteger();
            AtomicInteger pollsServed = new AtomicInteger();
            page.route("**/queue/p/" + product + "/poll*", route -> {
                if (!pollsFail.get()) {
                    pollsServed.incrementAndGet();
                    route.resume();
                } else if (pollsFailed.incrementAndGet() % 2 == 1) {
                    route.abort("connectionrefused"); // no answer at all: htmx:sendError
                } else {
                    route.fulfill(new Route.FulfillOptions().setStatus(502).setBody("bad gateway"));
                }
            });
            // the storefront is not running here: its product page, where an admission leads, is answered here
            page.route("http://localhost:8080/**", route -> route.fulfill(new Route.FulfillOptions()
                    .setStatus(200).setContentType("text/html").setBody("<h1 id=\"storefront\">product page</h1>")));

            page.navigate("http://localhost:" + port + "/queue/p/" + product);

            // the refused join is sent again and the shopper gets a place
            page.locator("#room-status .ahead").waitFor(visible());
            assertThat(joinsRefused).hasValue(1);
            assertThat(joinsServed).hasValue(1);

            // polls fail (no answer, then a 502): the page says it is reconnecting and keeps trying
            Locator retrying = page.locator("#room-status .retrying");
            retrying.waitFor(visible());
            assertThat(retrying.textContent()).contains("Reconnecting");
            page.waitForCondition(() -> pollsFailed.get() >= 2, new Page.WaitForConditionOptions().setTimeout(PATIENCE_MS));
            assertThat(pollsServed).hasValue(0);

            // the server answers again: the next try is swapped in, the note goes, polling goes on at its own pace
            pollsFail.set(false);
            page.waitForCondition(() -> pollsServed.get() >= 1, new Page.WaitForConditionOptions().setTimeout(PATIENCE_MS * 3));
            retrying.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED).setTimeout(PATIENCE_MS));
            page.waitForCondition(() -> pollsServed.get() >= 2, new Page.WaitForConditionOptions().setTimeout(PATIENCE_MS));

            // and an admission still reaches the shopper through those polls
            store.admit(sale, QueueTicks.now(sale) + 1, System.currentTimeMillis()).block(Duration.ofSeconds(5));
            page.waitForURL("http://localhost:8080/products/" + product, new Page.WaitForURLOptions().setTimeout(PATIENCE_MS));
            assertThat(page.locator("#storefront").textContent()).isEqualTo("product page");
        }
    }

    @Test
    void aRefusedJoinShowsTheServersVerdictOrAskForAReloadInsteadOfStayingOnEntering() {
        long product = TestSales.newProductId();
        TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 0, 60, 10));
        String session = TestShoppers.session(sessions, 3201, Role.SHOPPER);

        // a refusal with the status fragment (the product gone between the page and the join): swapped in as it is
        try (BrowserContext context = signedIn(session)) {
            Page page = context.newPage();
            page.route("**/queue/p/" + product + "/join", route -> route.fulfill(new Route.FulfillOptions().setStatus(404)
                    .setContentType("text/html").setBody("<div id=\"room-status\" class=\"room-status room-not_found\">"
                            + "<p class=\"sale-state\">This product is gone</p></div>")));
            page.navigate("http://localhost:" + port + "/queue/p/" + product);
            Locator state = page.locator("#room-status.room-not_found .sale-state");
            state.waitFor(visible());
            assertThat(state.textContent()).isEqualTo("This product is gone");
        }

        // any other refusal (here a CSRF failure's plain text): not repeated; the page says so and offers a reload
        try (BrowserContext context = signedIn(session)) {
            Page page = context.newPage();
            AtomicInteger joins = new AtomicInteger();
            page.route("**/queue/p/" + product + "/join", route -> {
                joins.incrementAndGet();
                route.fulfill(new Route.FulfillOptions().setStatus(403).setBody("An expected CSRF token cannot be found"));
            });
            page.navigate("http://localhost:" + port + "/queue/p/" + product);
            Locator failed = page.locator("#room-status .failed");
            failed.waitFor(visible());
            assertThat(failed.textContent()).contains("That did not go through.").contains("Reload the page");
            assertThat(failed.locator("a").getAttribute("href")).isEqualTo(page.url());
            // and no longer says it is joining
            assertThat(page.locator("#room-status .entering").isHidden()).isTrue();
            // an absence has no event to wait for: a retry would have come within 2.5 s (first pause 2 s ± 25%)
            page.waitForTimeout(3000);
            assertThat(joins).hasValue(1);
            assertThat(page.locator("#room-status .retrying").count()).isZero();
        }
    }

    @Test
    void twoTabsOpenedAtOnceJoinOneAfterTheOtherAndKeepOnePlace() {
        long product = TestSales.newProductId();
        // open, nobody admitted at once: every join takes a place
        TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 0, 60, 10));
        long shopper = 3301;

        try (BrowserContext context = signedIn(TestShoppers.session(sessions, shopper, Role.SHOPPER))) {
            // the first tab's join is held on its way, as at the opening of a sale
            Page first = context.newPage();
            AtomicReference<Route> held = new AtomicReference<>();
            first.route("**/queue/p/" + product + "/join", held::set);
            first.navigate("http://localhost:" + port + "/queue/p/" + product);
            first.waitForCondition(() -> held.get() != null, new Page.WaitForConditionOptions().setTimeout(PATIENCE_MS));

            // a second tab of the same browser opens meanwhile: its join waits for the first's answer
            Page second = context.newPage();
            List<String> secondJoinCookies = new java.util.concurrent.CopyOnWriteArrayList<>();
            second.route("**/queue/p/" + product + "/join", route -> {
                secondJoinCookies.add(Optional.ofNullable(route.request().allHeaders().get("cookie")).orElse(""));
                route.resume();
            });
            second.navigate("http://localhost:" + port + "/queue/p/" + product);
            second.locator("#room-status.room-entering").waitFor(visible());
            // an absence has no event to wait for: the page joins on load, within milliseconds
            second.waitForTimeout(1500);
            assertThat(secondJoinCookies).isEmpty();

            held.get().resume();
            first.locator("#room-status .ahead").waitFor(visible());
            second.locator("#room-status .ahead").waitFor(visible());
            // the second join carried the ticket the first one set: the same place, not a re-entry to the back
            assertThat(secondJoinCookies).hasSize(1);
            assertThat(secondJoinCookies.getFirst()).contains(Ticket.cookieName(product) + "=");
            var stats = redis.<String, String>opsForHash().entries(QueueKeys.stats(product))
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue).block(Duration.ofSeconds(5));
            assertThat(stats).containsEntry("joined", "1").containsEntry("waiting", "1");
            assertThat(redis.opsForZSet().size(QueueKeys.line(product)).block(Duration.ofSeconds(5)))
                    .isEqualTo(1);
            assertThat(context.cookies().stream().filter(c -> c.name.equals(Ticket.cookieName(product))).count()).isEqualTo(1);
        }
    }

    @Test
    void twoTabsWhosePagesWereMadeAtTheSameMomentBothJoin() {
        long product = TestSales.newProductId();
        TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 0, 60, 10));
        String room = "http://localhost:" + port + "/queue/p/" + product;

        try (BrowserContext context = signedIn(TestShoppers.session(sessions, 3351, Role.SHOPPER))) {
            // both pages made for a browser without the CSRF cookie, as when two tabs open at once: the first tab's
            // page arrives, and its scripts (so its join) wait while the second tab's page arrives with a new cookie
            Page first = context.newPage();
            first.route(room, route -> route.fulfill(new Route.FulfillOptions().setResponse(withoutCsrfCookie(route))));
            AtomicReference<Route> script = new AtomicReference<>();
            first.route("**/js/room.js", script::set);
            first.navigate(room, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            first.waitForCondition(() -> script.get() != null, new Page.WaitForConditionOptions().setTimeout(PATIENCE_MS));
            String firstToken = csrfCookie(context);

            Page second = context.newPage();
            second.route(room, route -> route.fulfill(new Route.FulfillOptions().setResponse(withoutCsrfCookie(route))));
            second.navigate(room);
            second.locator("#room-status .ahead").waitFor(visible());
            assertThat(csrfCookie(context)).as("the second page's cookie replaced the first's").isNotEqualTo(firstToken);

            // the first tab joins now, with the page it got before the cookie changed
            script.get().resume();
            first.locator("#room-status .ahead").waitFor(visible());
            assertThat(first.locator("#room-status .failed").count()).isZero();
            assertThat(redis.opsForZSet().size(QueueKeys.line(product)).block(Duration.ofSeconds(5))).isEqualTo(1);
        }
    }

    /** The page as the server makes it for a request without the CSRF cookie (the session cookie kept). */
    private static APIResponse withoutCsrfCookie(Route route) {
        Map<String, String> headers = new java.util.HashMap<>(route.request().allHeaders());
        headers.computeIfPresent("cookie", (name, cookies) -> java.util.Arrays.stream(cookies.split(";\\s*"))
                .filter(c -> !c.startsWith("QUEUE-XSRF-TOKEN=")).collect(java.util.stream.Collectors.joining("; ")));
        return route.fetch(new Route.FetchOptions().setHeaders(headers));
    }

    private static String csrfCookie(BrowserContext context) {
        return context.cookies().stream().filter(c -> c.name.equals("QUEUE-XSRF-TOKEN")).map(c -> c.value).findFirst().orElse(null);
    }

    @Test
    void aJoinWhoseAnswerWasLostIsSentAgainAndKeepsThePlaceItTook() {
        // the answer (and the ticket) is lost on the way: a 502 from a proxy
        Duration took = firstJoinLostThenRetried(3401, route -> route.fulfill(
                new Route.FulfillOptions().setStatus(502).setBody("bad gateway")));
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aJoinLeftUnansweredIsGivenUpAndSentAgainKeepingThePlaceItTook() {
        // the answer never comes (a connection left hanging): the route is neither fulfilled nor aborted
        Duration took = firstJoinLostThenRetried(3501, route -> { });
        assertThat(took).as("given up after the configured 10 s, not before").isGreaterThan(Duration.ofSeconds(10));
    }

    /**
     * The shopper's first join reaches queue-edge and takes a place, then meets {@code lost} on its way back; meanwhile
     * the next shopper ({@code shopper + 1}) joins behind. The page sends the join again, marked as a retry, and the
     * shopper keeps the first place, not a re-entry behind the other. Returns how long until the place was shown.
     */
    private Duration firstJoinLostThenRetried(long shopper, java.util.function.Consumer<Route> lost) {
        long product = TestSales.newProductId();
        // open, nobody admitted at once: every join takes a place
        var sale = TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 0, 60, 10));

        try (BrowserContext context = signedIn(TestShoppers.session(sessions, shopper, Role.SHOPPER))) {
            Page page = context.newPage();
            List<String> retryHeaders = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicInteger joins = new AtomicInteger();
            page.route("**/queue/p/" + product + "/join", route -> {
                if (joins.incrementAndGet() == 1) {
                    route.fetch();
                    store.join(sale, shopper + 1, "", System.currentTimeMillis()).block(Duration.ofSeconds(5));
                    lost.accept(route);
                } else {
                    retryHeaders.add(Optional.ofNullable(route.request().allHeaders().get("x-join-retry")).orElse(""));
                    route.resume();
                }
            });
            long started = System.nanoTime();
            page.navigate("http://localhost:" + port + "/queue/p/" + product);

            page.locator("#room-status .ahead").waitFor(visible());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(retryHeaders).containsExactly("1");
            assertThat(page.locator("#room-status .ahead").textContent()).isEqualTo("People ahead of you: 0");
            assertThat(redis.opsForZSet().range(QueueKeys.line(product), Range.unbounded()).collectList()
                    .block(Duration.ofSeconds(5))).containsExactly(Long.toString(shopper), Long.toString(shopper + 1));
            return took;
        }
    }

    /** A fresh browser profile (English pages) holding the shopper's session cookie for queue-edge. */
    @Test
    void aPageToldToComeBackComesBackByItselfWhenThePreQueueOpensAndSaysWhatChangedToScreenReaders() {
        long product = TestSales.newProductId();
        // the pre-queue (10 minutes before the start) opens in 3 s
        TestSales.store(redis, TestSales.sale(product, Instant.now().plus(Duration.ofMinutes(10)).plusSeconds(3),
                Duration.ZERO, 1, 60, 10));

        try (BrowserContext context = signedIn(TestShoppers.session(sessions, 3301, Role.SHOPPER))) {
            Page page = context.newPage();
            // a browser clock an hour behind the server's: the countdown follows the server
            page.addInitScript("Date.now = (function (real) { return function () { return real() - 3600000; }; })(Date.now);");
            page.navigate("http://localhost:" + port + "/queue/p/" + product);
            assertThat(page.locator("#room-status").getAttribute("class")).contains("room-too_early");
            assertThat(page.locator("#room-status .countdown").textContent()).matches("00:00:0[0-3]");
            assertThat(page.locator("#room-announce").getAttribute("aria-live")).isEqualTo("polite");

            // no click: the page reloads once the pre-queue opens and joins it
            page.locator("#room-status.room-prequeue").waitFor(visible());
            assertThat(page.locator("#room-announce").textContent()).isEqualTo("Upcoming · pre-queue");
            assertThat(page.title()).isEqualTo("Upcoming · pre-queue · Waiting room · Astraphe");
        }
    }

    @Test
    void theProgressBarIsNamedAndAPausedQueueGivesNoWaitEstimate() {
        long product = TestSales.newProductId();
        var sale = TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 1, 60, 10));
        store.join(sale, 3401, "", System.currentTimeMillis()).block(Duration.ofSeconds(5)); // admitted at once
        redis.opsForHash().put(QueueKeys.control(product), QueueKeys.CONTROL_STATE, "PAUSED").block();

        try (BrowserContext context = signedIn(TestShoppers.session(sessions, 3402, Role.SHOPPER))) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/queue/p/" + product);
            page.locator("#room-status.room-paused").waitFor(visible());
            assertThat(page.locator("#room-status progress").getAttribute("aria-label")).isEqualTo("Progress through the queue");
            assertThat(page.locator("#room-status .wait").textContent()).isEqualTo("Estimated wait: shown again once the queue moves");
            assertThat(page.locator("#room-announce").textContent())
                    .isEqualTo("The queue is paused for a moment. People ahead of you: 0");
            // the tab leads with the place, seen from another tab
            assertThat(page.title()).isEqualTo("People ahead of you: 0 · Waiting room · Astraphe");
        }
    }

    @Test
    void onAPhoneThePageFitsAndTheSaleStateIsABadgeColouredByState() {
        long product = TestSales.newProductId();
        var sale = TestSales.store(redis, TestSales.sale(product, Instant.now().minusSeconds(5), Duration.ZERO, 1, 60, 10));
        store.join(sale, 3501, "", System.currentTimeMillis()).block(Duration.ofSeconds(5)); // admitted at once

        try (BrowserContext context = signedIn(TestShoppers.session(sessions, 3502, Role.SHOPPER))) {
            Page page = context.newPage();
            page.setViewportSize(360, 740);
            page.navigate("http://localhost:" + port + "/queue/p/" + product);
            Locator state = page.locator("#room-status.room-waiting .sale-state");
            state.waitFor(visible());
            // the storefront's look: its brand mark in the header, the state as a badge in the brand's soft colour
            assertThat(page.locator(".site-header .brand-mark").textContent()).isEqualTo("⚡");
            assertThat(state.evaluate("e => getComputedStyle(e).backgroundColor")).isEqualTo("rgb(240, 239, 255)");
            assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= innerWidth")).isTrue();
            // the bar spans the card's text width, not the browser's default 160 px
            double bar = page.locator("#room-status progress").boundingBox().width;
            assertThat(bar).isEqualTo(page.locator("#room-status").boundingBox().width);

            // a queue that stands still says so in amber, not in the colour of one that moves
            redis.opsForHash().put(QueueKeys.control(product), QueueKeys.CONTROL_STATE, "PAUSED").block();
            Locator paused = page.locator("#room-status.room-paused .sale-state");
            paused.waitFor(visible());
            assertThat(paused.evaluate("e => getComputedStyle(e).backgroundColor")).isEqualTo("rgb(255, 244, 224)");
        }
    }

    private BrowserContext signedIn(String sessionId) {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-US"));
        context.addCookies(List.of(new Cookie("SESSION", sessionId).setUrl("http://localhost:" + port)));
        return context;
    }

    private static Locator.WaitForOptions visible() {
        return new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(PATIENCE_MS);
    }
}
