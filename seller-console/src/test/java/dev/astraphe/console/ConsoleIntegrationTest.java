package dev.astraphe.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.astraphe.console.seller.SellerRegistration;
import dev.astraphe.console.seller.SellerSignUp;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.account.AccountUserDetailsService;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import dev.astraphe.testsupport.UsesKafka;
import dev.astraphe.testsupport.UsesPostgres;
import dev.astraphe.testsupport.UsesRedis;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * One application context for every console test: real PostgreSQL, Redis and Kafka (the demo
 * products publish their schedules), a bootstrap admin
 * from properties and the demo data switched on (so the demo runner is exercised at start-up too).
 * Tests make their own uniquely named accounts, so they do not depend on each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "astraphe.bootstrap-admin.email=Admin@Astraphe.test",
        "astraphe.bootstrap-admin.password=bootstrap-secret-1",
        "astraphe.demo.enabled=true"})
@AutoConfigureMockMvc
@UsesPostgres
@UsesRedis
@UsesKafka
public abstract class ConsoleIntegrationTest {

    protected static final String CONTEXT = "/console";
    protected static final String ADMIN_EMAIL = "admin@astraphe.test";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired protected MockMvc mvc;
    @Autowired protected AccountRepository accounts;
    @Autowired protected SellerRegistration sellerRegistration;
    @Autowired protected PasswordEncoder passwordEncoder;

    protected static MockHttpServletRequestBuilder get(String path) {
        return MockMvcRequestBuilders.get(CONTEXT + path).contextPath(CONTEXT);
    }

    protected static MockHttpServletRequestBuilder post(String path) {
        return MockMvcRequestBuilders.post(CONTEXT + path).contextPath(CONTEXT);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + SEQUENCE.incrementAndGet();
    }

    /** A business registration number nobody else in this JVM uses. */
    protected static String uniqueBusinessNumber() {
        int n = SEQUENCE.incrementAndGet();
        return String.format("999-%02d-%05d", n / 100_000 % 100, n % 100_000);
    }

    protected Account newSeller(String password) {
        long id = sellerRegistration.register(new SellerSignUp(unique("seller") + "@example.com", password, "판매자",
                "010-1234-5678", unique("회사"), uniqueBusinessNumber(), "서울", "소개"));
        return accounts.findById(id).orElseThrow();
    }

    protected Account newShopper(String password) {
        return accounts.save(new Account(unique("shopper") + "@example.com", passwordEncoder.encode(password), "구매자", Role.SHOPPER, null));
    }

    protected Account admin() {
        return accounts.findByEmail(ADMIN_EMAIL).orElseThrow();
    }

    /** A page of {@code context} signed in as the bootstrap admin through the console's login form. */
    protected static Page adminSignedIn(BrowserContext context, int port) {
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + CONTEXT + "/login");
        page.fill("#username", ADMIN_EMAIL);
        page.fill("#password", "bootstrap-secret-1");
        page.click("form.stack button[type=submit]");
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    /**
     * On a 390 px wide phone neither the page nor any table scrolls sideways, every one of {@code controls} is on
     * screen, and the cards' header is out of sight.
     */
    protected static void assertFitsAPhone(Page page, Locator controls) {
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
                + " && [...document.querySelectorAll('table')].every(t => t.scrollWidth <= t.clientWidth)"))
                .as(page.url()).isEqualTo(true);
        assertThat(controls.count()).as(page.url()).isPositive();
        for (int i = 0; i < controls.count(); i++) {
            var box = controls.nth(i).boundingBox();
            assertThat(box.x + box.width).as(page.url() + " " + i).isLessThanOrEqualTo(390);
        }
        // the header is out of sight; the cells say what they are instead
        assertThat(page.locator("table.cards thead").first().boundingBox().height).isLessThanOrEqualTo(1);
    }

    /** What a card's cell shows before its value on a phone: its column's name (data-label). */
    protected static Object labelOf(Page page, Locator cell) {
        return page.evaluate("cell => getComputedStyle(cell, '::before').content", cell.elementHandle());
    }

    protected static AstrapheUser principal(Account account) {
        return AccountUserDetailsService.toPrincipal(account);
    }
}
