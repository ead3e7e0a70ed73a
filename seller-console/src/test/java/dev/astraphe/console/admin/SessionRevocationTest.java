package dev.astraphe.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.console.ConsoleBrowser;
import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.db.account.Account;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A real browser-like client against the running server: cookies, CSRF token from the page, redirects not followed. */
class SessionRevocationTest extends ConsoleIntegrationTest {

    @LocalServerPort int port;
    @Autowired AccountAdministration administration;

    @Test
    void disablingAUserEndsTheirLiveSessionAndBlocksTheNextLogin() throws Exception {
        Account seller = newSeller("correct-horse-1");
        ConsoleBrowser browser = new ConsoleBrowser(port);

        HttpResponse<String> loggedIn = browser.login(seller.getEmail(), "correct-horse-1");
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
        assertThat(loggedIn.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("SESSION=").contains("Path=/;"));
        HttpResponse<String> home = browser.fetch("/company");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(seller.getEmail());

        administration.disable(admin().getId(), seller.getId());

        HttpResponse<String> after = browser.fetch("/company");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?continue=%2Fconsole%2Fcompany"));
        HttpResponse<String> again = browser.login(seller.getEmail(), "correct-horse-1");
        assertThat(again.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?error=disabled"));
        assertThat(browser.fetch("/company").statusCode()).isEqualTo(302);
    }
}
