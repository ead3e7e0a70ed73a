package dev.astraphe.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.db.account.Account;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A real browser-like client against the running server: cookies, CSRF token from the page, redirects not followed. */
class SessionRevocationTest extends ConsoleIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired AccountAdministration administration;

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private HttpResponse<String> fetch(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + CONTEXT + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String email, String password) throws Exception {
        Matcher csrf = CSRF.matcher(fetch("/login").body());
        assertThat(csrf.find()).isTrue();
        String form = "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + CONTEXT + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void disablingAUserEndsTheirLiveSessionAndBlocksTheNextLogin() throws Exception {
        Account seller = newSeller("correct-horse-1");

        HttpResponse<String> loggedIn = login(seller.getEmail(), "correct-horse-1");
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
        assertThat(loggedIn.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("SESSION=").contains("Path=/;"));
        HttpResponse<String> home = fetch("/company");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(seller.getEmail());

        administration.disable(admin().getId(), seller.getId());

        HttpResponse<String> after = fetch("/company");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?continue=%2Fconsole%2Fcompany"));
        HttpResponse<String> again = login(seller.getEmail(), "correct-horse-1");
        assertThat(again.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?error=disabled"));
        assertThat(fetch("/company").statusCode()).isEqualTo(302);
    }
}
