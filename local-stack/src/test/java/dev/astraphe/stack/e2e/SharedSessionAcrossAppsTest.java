package dev.astraphe.stack.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.testsupport.TestServices;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One login, three apps: the real storefront, queue-edge and seller console jars share one
 * Spring Session in Redis through one SESSION cookie, and ending an account's sessions ends them
 * everywhere. Runs against the packaged jars (local-stack is built after them).
 *
 * <p>Contract used (read from the storefront and console branches while they were being written):
 * storefront sign-up POST /signup with email, password, passwordConfirmation, displayName, phone,
 * terms; login POST /login with username, password, continue, _csrf; console login POST
 * /console/login with the same fields; admin disables an account with POST
 * /console/admin/users/{id}/disable.
 */
class SharedSessionAcrossAppsTest {

    private static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger SHOPPERS = new AtomicInteger();

    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(Path.of("target", "e2e-logs"));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void signedOutShopperGoesFromQueueToStorefrontLoginAndStraightBack() {
        Browser browser = new Browser();
        String email = signUp(browser, "큐 쇼퍼");
        String queuePage = platform.queue + "/?from=e2e";

        HttpResponse<String> bounced = browser.get(queuePage);
        assertThat(bounced.statusCode()).isEqualTo(302);
        String loginUrl = Browser.location(bounced);
        assertThat(loginUrl).isEqualTo(platform.storefront + "/login?continue=" + URLEncoder.encode(queuePage, UTF_8));

        HttpResponse<String> loginPage = browser.get(loginUrl);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        HttpResponse<String> loggedIn = browser.post(platform.storefront + "/login", Map.of(
                "username", email, "password", PASSWORD, "continue", queuePage, "_csrf", Browser.csrfToken(loginPage)));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(Browser.location(loggedIn)).isEqualTo(queuePage);

        HttpResponse<String> waitingRoom = browser.get(queuePage);
        assertThat(waitingRoom.statusCode()).isEqualTo(200);
        assertThat(waitingRoom.body()).contains("큐 쇼퍼");
    }

    @Test
    void storefrontLoginIsRecognisedByQueueEdgeAndConsoleRefusesAShopper() {
        Browser browser = new Browser();
        String email = signUp(browser, "Shared Session");
        HttpResponse<String> loggedIn = logIn(browser, email, null);
        assertThat(Browser.location(loggedIn)).isEqualTo(platform.storefront + "/");

        HttpResponse<String> me = browser.get(platform.queue + "/me", "application/json");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"id\":" + accountId(email)).contains(email).contains("SHOPPER");

        HttpResponse<String> sellerHome = browser.get(platform.console + "/");
        assertThat(sellerHome.statusCode()).as("a shopper must not get the seller console").isNotEqualTo(200);
    }

    @Test
    void loginRefusesToContinueToAnotherSite() {
        Browser browser = new Browser();
        String email = signUp(browser, "Open Redirect");

        HttpResponse<String> loggedIn = logIn(browser, email, "//evil.example");

        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(Browser.location(loggedIn)).isEqualTo(platform.storefront + "/");
    }

    @Test
    void disablingAShopperEndsTheirSessionInEveryAppAtOnce() {
        Browser shopper = new Browser();
        String email = signUp(shopper, "To Be Disabled");
        logIn(shopper, email, null);
        assertThat(shopper.get(platform.storefront + "/account").statusCode()).isEqualTo(200);
        assertThat(shopper.get(platform.queue + "/me", "application/json").statusCode()).isEqualTo(200);
        assertThat(shopper.get(platform.console + "/").statusCode()).isNotEqualTo(200);

        Browser admin = new Browser();
        HttpResponse<String> consoleLogin = admin.get(platform.console + "/login");
        HttpResponse<String> adminIn = admin.post(platform.console + "/login", Map.of(
                "username", Platform.ADMIN_EMAIL, "password", Platform.ADMIN_PASSWORD, "_csrf", Browser.csrfToken(consoleLogin)));
        assertThat(adminIn.statusCode()).isEqualTo(302);
        assertThat(Browser.location(adminIn)).doesNotContain("error");
        HttpResponse<String> users = admin.get(platform.console + "/admin/users?q=" + URLEncoder.encode(email, UTF_8));
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains(email);
        HttpResponse<String> disabled = admin.post(platform.console + "/admin/users/" + accountId(email) + "/disable",
                Map.of("_csrf", Browser.csrfToken(users)));
        assertThat(disabled.statusCode()).isEqualTo(302);

        assertRedirectsToLogin(shopper.get(platform.storefront + "/account"));
        assertRedirectsToLogin(shopper.get(platform.queue + "/me", "application/json"));
        assertRedirectsToLogin(shopper.get(platform.console + "/"));
        // and the shopper cannot simply log in again
        HttpResponse<String> again = logIn(shopper, email, null);
        assertThat(Browser.location(again)).contains("/login?error=");
    }

    /**
     * What two apps ending one session at once can leave behind (see {@code SessionRemnants}): the session's hash
     * holding nothing but the zero timeout that the servlet repository's deletion saves, recreated just after
     * queue-edge deleted the whole hash. Every app must read it as signed out; Spring Session's own reading fails on
     * it, and did in CI, with a 500 on every page for the five minutes the remnant lives.
     */
    @Test
    void aSessionLeftHalfDeletedReadsAsSignedOutInEveryApp() {
        Browser shopper = new Browser();
        logIn(shopper, signUp(shopper, "Half Deleted"), null);
        assertThat(shopper.get(platform.storefront + "/account").statusCode()).isEqualTo(200);
        String sessionId = shopper.cookie("SESSION");
        String key = "astraphe:session:sessions:" + sessionId;
        assertThat(TestServices.redisCommand("DEL", key)).isEqualTo(":1");
        TestServices.redisCommand("HSET", key, "maxInactiveInterval", "0");
        TestServices.redisCommand("EXPIRE", key, "300");

        // each app in turn gets the old cookie: the redirect to the login page starts a new session
        for (String page : new String[] {platform.storefront + "/account", platform.queue + "/me", platform.console + "/"}) {
            shopper.setCookie("SESSION", sessionId, page);
            assertRedirectsToLogin(shopper.get(page, page.endsWith("/me") ? "application/json" : "text/html"));
        }
    }

    private static void assertRedirectsToLogin(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s with the session ended", response.uri()).isEqualTo(302);
        assertThat(Browser.location(response)).as("%s with the session ended", response.uri()).contains("/login");
    }

    /** Signs a new shopper up through the storefront form; returns their e-mail. */
    private static String signUp(Browser browser, String displayName) {
        String email = "shopper" + SHOPPERS.incrementAndGet() + "-" + System.nanoTime() + "@e2e.astraphe.dev";
        HttpResponse<String> form = browser.get(platform.storefront + "/signup");
        assertThat(form.statusCode()).isEqualTo(200);
        HttpResponse<String> done = browser.post(platform.storefront + "/signup", Map.of(
                "email", email, "password", PASSWORD, "passwordConfirmation", PASSWORD,
                "displayName", displayName, "phone", "010-1234-5678", "terms", "true",
                "_csrf", Browser.csrfToken(form)));
        assertThat(done.statusCode()).as("sign-up of %s:\n%s", email, done.body()).isEqualTo(302);
        assertThat(Browser.location(done)).startsWith(platform.storefront + "/login");
        return email;
    }

    private static HttpResponse<String> logIn(Browser browser, String email, String continueTo) {
        HttpResponse<String> page = browser.get(platform.storefront + "/login"
                + (continueTo == null ? "" : "?continue=" + URLEncoder.encode(continueTo, UTF_8)));
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, String> form = continueTo == null
                ? Map.of("username", email, "password", PASSWORD, "_csrf", Browser.csrfToken(page))
                : Map.of("username", email, "password", PASSWORD, "continue", continueTo, "_csrf", Browser.csrfToken(page));
        HttpResponse<String> response = browser.post(platform.storefront + "/login", form);
        assertThat(response.statusCode()).isEqualTo(302);
        return response;
    }

    private static long accountId(String email) {
        try (Connection c = DriverManager.getConnection(platform.jdbcUrl, "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT id FROM accounts WHERE email = ?")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("account %s exists", email).isTrue();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
