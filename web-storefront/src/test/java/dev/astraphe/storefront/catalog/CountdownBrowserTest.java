package dev.astraphe.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.db.product.SaleStatus;
import dev.astraphe.storefront.ProductFixtures;
import dev.astraphe.storefront.StorefrontTestSupport;
import dev.astraphe.testsupport.Chromium;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The product page's countdown and refreshing status panel in a real browser (Debian's Chromium, see {@link Chromium}).
 * The countdown runs in a browser whose clock is not the server's: it counts the server's time, so a clock that runs
 * ahead neither shows the sale as due nor reloads the page once a second until the server's clock catches up (at a
 * sale's start, every such shopper would).
 */
class CountdownBrowserTest extends StorefrontTestSupport {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @LocalServerPort int port;
    @Autowired ProductRepository productRepository;
    @Autowired CompanyRepository companyRepository;

    @Test
    void aBrowserClockTenMinutesAheadCountsDownToTheStartWithoutReloadingThePage() {
        Instant start = Instant.now().plusSeconds(50).truncatedTo(ChronoUnit.SECONDS);
        Product product = new ProductFixtures(productRepository, companyRepository)
                .product("시계가 빠른 손님", "", 5, start, start.plus(Duration.ofDays(1)));

        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.clock().setFixedTime(System.currentTimeMillis() + Duration.ofMinutes(10).toMillis());
            AtomicInteger loads = new AtomicInteger();
            page.onLoad(p -> loads.incrementAndGet());

            page.navigate("http://localhost:" + port + "/products/" + product.getId());
            page.waitForTimeout(3_500);

            // by the browser's own clock the start passed ten minutes ago: a reload a second, and 00:00:00 shown
            assertThat(loads).as("page loads").hasValue(1);
            assertThat(page.locator(".countdown[data-countdown-to]").textContent()).matches("00:00:[2-5]\\d");
        }
    }

    @Test
    void aRefreshOfTheSaleStatusShowsTheCountdownNotTheStartDateInItsPlace() {
        Instant start = Instant.now().plus(Duration.ofHours(2));
        Product product = new ProductFixtures(productRepository, companyRepository)
                .product("새로 고쳐도 세는 시계", "", 5, start, start.plus(Duration.ofDays(1)));

        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/products/" + product.getId());
            waitUntil(page, "() => /^\\d\\d:\\d\\d:\\d\\d$/.test(document.querySelector('.countdown').textContent)");
            // the countdown's text before every frame the browser paints, until htmx has refreshed the panel (every
            // 7 s) and a few frames after: the server's text (the start as a date) must never be among them
            page.evaluate("() => {"
                    + " window.swaps = 0; window.shown = new Set();"
                    + " document.addEventListener('htmx:afterSwap', () => window.swaps++);"
                    + " (function sample() {"
                    + "   window.shown.add(document.querySelector('.countdown').textContent);"
                    + "   requestAnimationFrame(sample);"
                    + " })();"
                    + "}");
            waitUntil(page, "() => window.swaps >= 1");
            page.waitForTimeout(300);

            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) page.evaluate("() => [...window.shown]");
            assertThat(shown).isNotEmpty().allSatisfy(text -> assertThat(text).matches("0[12]:\\d\\d:\\d\\d"));
        }
    }

    @Test
    void aRefreshOfAPanelCarryingAnEmptyStyleAttributeBreaksNoContentSecurityRule() {
        Instant start = Instant.now().plus(Duration.ofHours(2));
        Product product = new ProductFixtures(productRepository, companyRepository)
                .product("스타일 없는 새로 고침", "", 5, start, start.plus(Duration.ofDays(1)));

        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/products/" + product.getId());
            // what an extension (or a screenshot tool hiding the caret) leaves behind: style="" on the panel, set
            // through the CSSOM, which the policy allows. htmx used to copy it onto the refreshed panel as it settled,
            // an attribute write the policy (style-src 'self') refuses, one console error per element and refresh
            page.evaluate("() => {"
                    + " window.violations = []; window.swaps = 0;"
                    + " document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective));"
                    + " document.addEventListener('htmx:afterSettle', () => window.swaps++);"
                    + " const panel = document.getElementById('sale-status');"
                    + " panel.style.color = 'red'; panel.style.removeProperty('color');"
                    + "}");
            assertThat(page.evaluate("() => document.getElementById('sale-status').hasAttribute('style')")).isEqualTo(true);
            waitUntil(page, "() => window.swaps >= 1");
            // violation events are queued as tasks after the refused write: a moment for any to arrive (a wait for
            // nothing to happen has no condition to await)
            page.waitForTimeout(300);

            assertThat(page.evaluate("() => window.violations")).asList().isEmpty();
        }
    }

    @Test
    void aSaleCalledOffWhileThePageIsOpenIsMarkedBesideItsWindowAtTheNextRefresh() {
        Instant start = Instant.now().plus(Duration.ofHours(2));
        Product product = new ProductFixtures(productRepository, companyRepository)
                .product("열어 둔 사이 멈춘 판매", "", 5, start, start.plus(Duration.ofDays(1)));

        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("ko-KR"))) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/products/" + product.getId());
            assertThat(page.locator("#window-called-off").isVisible()).isFalse();

            product.changeSaleStatus(SaleStatus.CANCELLED, null);
            productRepository.save(product);

            waitUntil(page, "() => document.getElementById('sale-status').dataset.state === 'ENDED'");
            assertThat(page.locator("#sale-status").textContent()).contains("판매가 중단되었습니다");
            assertThat(page.locator(".facts #window-called-off").textContent()).isEqualTo("(판매 중단)");
            assertThat(page.locator(".facts #window-called-off").isVisible()).isTrue();
            assertThat(page.locator("#window-called-off").count()).as("moved beside the window, not left in the panel").isEqualTo(1);
        }
    }

    @Test
    void atTheStartThePageGoesStraightToTheWaitingRoom() {
        Instant start = Instant.now().plusSeconds(3);
        Product product = new ProductFixtures(productRepository, companyRepository)
                .product("곧 열리는 원두", "", 5, start, start.plus(Duration.ofDays(1)));

        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            AtomicInteger storefrontLoads = new AtomicInteger();
            page.onRequest(r -> {
                if (r.isNavigationRequest() && r.url().endsWith("/products/" + product.getId())) {
                    storefrontLoads.incrementAndGet();
                }
            });
            // queue-edge is not running here: its waiting room is answered by the browser's route
            page.route("http://localhost:8081/queue/p/" + product.getId(), route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setStatus(200).setContentType("text/html").setBody("<h1 id=\"room\">waiting room</h1>")));

            page.navigate("http://localhost:" + port + "/products/" + product.getId());
            page.waitForURL("http://localhost:8081/queue/p/" + product.getId(), new Page.WaitForURLOptions().setTimeout(15_000));

            assertThat(page.locator("#room").textContent()).isEqualTo("waiting room");
            assertThat(storefrontLoads).as("the product page, loaded once, not again at the start").hasValue(1);
        }
    }

    /**
     * Waits up to 20 s for {@code predicate} to hold in the page. Playwright's waitForFunction compiles its predicate
     * inside the page, which the storefront's Content-Security-Policy (no eval) refuses; evaluate is not subject to it.
     */
    private static void waitUntil(Page page, String predicate) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Boolean.TRUE.equals(page.evaluate(predicate))) {
            assertThat(System.nanoTime()).as("waited for %s", predicate).isLessThan(deadline);
            page.waitForTimeout(50);
        }
    }
}
