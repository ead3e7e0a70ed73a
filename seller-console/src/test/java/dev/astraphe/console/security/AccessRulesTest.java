package dev.astraphe.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.astraphe.console.ConsoleBrowser;
import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.db.account.Account;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.shared.web.LanguageCookie;
import dev.astraphe.shared.web.PageMappings;
import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import org.springframework.test.web.servlet.MvcResult;

class AccessRulesTest extends ConsoleIntegrationTest {

    @LocalServerPort int port;
    @Autowired AppLinks links;

    @Test
    void anUnauthenticatedVisitorIsSentToLoginWithAContinueThatIncludesTheContextPath() throws Exception {
        mvc.perform(get("/company").queryParam("tab", "a"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?continue=%2Fconsole%2Fcompany%3Ftab%3Da"));
        mvc.perform(get("/admin/users"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?continue=%2Fconsole%2Fadmin%2Fusers"));
    }

    @Test
    void aSellerIsRefusedAdminPages() throws Exception {
        Account seller = newSeller("correct-horse-1");
        mvc.perform(get("/admin/users").with(user(principal(seller))))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/denied"));
        mvc.perform(get("/denied").with(user(principal(seller))))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("권한이 없습니다")));
        mvc.perform(post("/admin/users/" + seller.getId() + "/disable").with(user(principal(seller))).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(accounts.findById(seller.getId()).orElseThrow().isDisabled()).isFalse();
    }

    @Test
    void anHtmxActionWithAStaleTokenIsRefusedWithOneLineForTheMessageAreaNotASecondPage() throws Exception {
        Account admin = admin();
        mvc.perform(post("/admin/queues/1/pause").with(user(principal(admin))).header("HX-Request", "true")
                        .header("X-CSRF-TOKEN", "stale"))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/denied"));
        // MockMvc does not follow forwards: render what the forward lands on, with what Spring Security leaves for it
        String refusal = mvc.perform(get("/denied").with(user(principal(admin))).header("HX-Request", "true")
                        .requestAttr(WebAttributes.ACCESS_DENIED_403, new InvalidCsrfTokenException(
                                new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "fresh"), "stale")))
                .andExpect(status().isForbidden())
                .andReturn().getResponse().getContentAsString();
        assertThat(refusal).contains("class=\"alert\"", "요청이 만료되었습니다", "페이지를 새로 고친 뒤 다시 시도하세요.")
                .doesNotContain("<html", "<header", "<nav", "id=\"flash\"");
        // a browser's own request still gets the whole page
        mvc.perform(get("/denied").with(user(principal(admin))).requestAttr(WebAttributes.ACCESS_DENIED_403,
                        new InvalidCsrfTokenException(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "fresh"), "stale")))
                .andExpect(content().string(containsString("<html")))
                .andExpect(content().string(containsString("요청이 만료되었습니다")))
                .andExpect(content().string(not(containsString("class=\"alert\""))));
    }

    @Test
    void theLanguageChosenOnTheStorefrontIsTheConsolesTooAndCanBeChosenHere() throws Exception {
        mvc.perform(get("/login").cookie(new Cookie(LanguageCookie.NAME, "en")))
                .andExpect(content().string(containsString("Seller console login")));
        mvc.perform(get("/login").header("Accept-Language", "en").cookie(new Cookie(LanguageCookie.NAME, "ko")))
                .andExpect(content().string(containsString("판매자 콘솔 로그인")));
        // chosen here: kept for the whole host (the storefront and the waiting room read it), only what it speaks
        mvc.perform(get("/login").param("lang", "en"))
                .andExpect(content().string(containsString("Seller console login")))
                .andExpect(cookie().value(LanguageCookie.NAME, "en"))
                .andExpect(cookie().path(LanguageCookie.NAME, "/"));
        mvc.perform(get("/login").param("lang", "fr").cookie(new Cookie(LanguageCookie.NAME, "en")))
                .andExpect(content().string(containsString("Seller console login")))
                .andExpect(cookie().doesNotExist(LanguageCookie.NAME));
        mvc.perform(get("/login").param("lang", "").cookie(new Cookie(LanguageCookie.NAME, "en")))
                .andExpect(cookie().doesNotExist(LanguageCookie.NAME));
        mvc.perform(get("/login").param("lang", "en-US"))
                .andExpect(cookie().value(LanguageCookie.NAME, "en"));
    }

    @Test
    void aShopperWithASharedSessionIsToldTheConsoleIsForSellers() throws Exception {
        Account shopper = newShopper("correct-horse-1");
        mvc.perform(get("/").with(user(principal(shopper))))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/denied"));
        mvc.perform(get("/company").with(user(principal(shopper))))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/denied"));
        // MockMvc does not follow forwards: render the page the forward lands on
        mvc.perform(get("/denied").with(user(principal(shopper))))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("판매자 전용 콘솔입니다")));
        mvc.perform(get("/denied").with(user(principal(shopper))).locale(Locale.ENGLISH))
                .andExpect(content().string(containsString("This console is for sellers")));
        // the login form says whose session a seller's login would replace
        mvc.perform(get("/login").with(user(principal(shopper))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("지금 구매자 계정(" + shopper.getEmail() + ")으로 로그인되어 있습니다.")));
        mvc.perform(get("/login")).andExpect(content().string(not(containsString("지금 구매자 계정"))));
    }

    @Test
    void aShopperCannotLogInToTheConsole() throws Exception {
        Account shopper = newShopper("correct-horse-1");
        MvcResult result = mvc.perform(post("/login").with(csrf())
                        .param("username", shopper.getEmail()).param("password", "correct-horse-1"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?error=shopper"))
                .andReturn();
        assertThat(result.getRequest().getSession(false) == null
                || result.getRequest().getSession(false).getAttribute("SPRING_SECURITY_CONTEXT") == null).isTrue();
        mvc.perform(get("/login").param("error", "shopper"))
                .andExpect(content().string(containsString("구매자 계정은 상점에서 로그인하세요")));
    }

    @Test
    void aSellerLogsInAndIsSentToTheSafeContinueTarget() throws Exception {
        Account seller = newSeller("correct-horse-1");
        mvc.perform(post("/login").with(csrf()).param("username", seller.getEmail().toUpperCase(Locale.ROOT))
                        .param("password", "correct-horse-1").param("continue", "/console/company"))
                .andExpect(redirectedUrl("/console/company"));
        mvc.perform(post("/login").with(csrf()).param("username", seller.getEmail())
                        .param("password", "correct-horse-1").param("continue", "https://evil.example/x"))
                .andExpect(redirectedUrl("/console/"));
    }

    @Test
    void wrongPasswordsAreThrottledBeforeThePasswordIsChecked() throws Exception {
        Account seller = newSeller("correct-horse-1");
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").with(csrf()).param("username", seller.getEmail()).param("password", "wrong-" + i)
                            .param("continue", "/console/company"))
                    .andExpect(redirectedUrl("/console/login?error=bad-credentials&continue=%2Fconsole%2Fcompany"));
        }
        mvc.perform(post("/login").with(csrf()).param("username", seller.getEmail()).param("password", "correct-horse-1"))
                .andExpect(redirectedUrl("/console/login?error=throttled"));
    }

    @Test
    void unknownEmailAndWrongPasswordGiveTheSameAnswer() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", unique("nobody") + "@example.com").param("password", "x"))
                .andExpect(redirectedUrl("/console/login?error=bad-credentials"));
    }

    @Test
    void pagesSendAContentSecurityPolicyWithoutInlineScripts() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(content().string(containsString("src=\"/console/webjars/htmx.org/")))
                .andExpect(content().string(containsString("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/console/favicon.svg\">")));
        // the tab's icon, for anybody (the login page shows it too), not a 404 or a redirect to the login page
        mvc.perform(get("/favicon.svg"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"));
    }

    @Test
    void theServersRootLeadsToTheConsoleAndOtherPathsOutsideItAreStillNotFound() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> root = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/console/");
        HttpResponse<String> elsewhere = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/other")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        // outside the console nothing of the app runs: Tomcat answers, with a page of ours leading to the console
        assertThat(elsewhere.body()).contains("Astraphe", "Page not found", "href=\"/console/\"").doesNotContain("HTTP Status");
        HttpResponse<String> unreadable = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/%2F")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("Astraphe", "주소를 읽을 수 없습니다").doesNotContain("HTTP Status");
        HttpResponse<String> error = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/error"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.body()).doesNotContain("999");
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminOnAnAddressWithNoPageIsToldItDoesNotExistNotThatItIsForbidden() throws Exception {
        Account admin = admin();
        // outside /admin everything is a seller's: the access rule answers first, then the missing page is said
        mvc.perform(get("/no-such-page").with(user(principal(admin))))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/denied"));
        mvc.perform(get("/denied").with(user(principal(admin)))
                        .requestAttr(PageMappings.NO_SUCH_PAGE, Boolean.TRUE))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("요청한 항목을 찾을 수 없습니다.")))
                .andExpect(content().string(containsString("href=\"/console/admin/queues\"")));
        // a seller's real page stays forbidden to an admin, and the refusal says so
        mvc.perform(get("/denied").with(user(principal(admin))))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("권한이 없습니다")));
    }

    @Test
    void anAdminInARealBrowserGetsTheNotFoundPageForAMistypedAddress() throws Exception {
        String email = unique("admin") + "@example.com";
        accounts.save(new Account(email, passwordEncoder.encode("correct-horse-1"), "관리자", Role.ADMIN, null));
        ConsoleBrowser browser = new ConsoleBrowser(port);
        assertThat(browser.login(email, "correct-horse-1").statusCode()).isEqualTo(302);

        HttpResponse<String> missing = browser.fetch("/admin-queues");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("요청한 항목을 찾을 수 없습니다.", email, "href=\"/console/admin/queues\"")
                .doesNotContain("권한이 없습니다", "Exception");
        // a seller's page is still refused, with the refusal's own page
        HttpResponse<String> sellers = browser.fetch("/company");
        assertThat(sellers.statusCode()).isEqualTo(403);
        assertThat(sellers.body()).contains("권한이 없습니다");
    }

    @Test
    void aVisitorAtAnAddressWithNoPageIsToldItDoesNotExistNotAskedToLogIn() throws Exception {
        ConsoleBrowser browser = new ConsoleBrowser(port);
        HttpResponse<String> missing = browser.fetch("/admin-queues");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("요청한 항목을 찾을 수 없습니다.").doesNotContain("Exception", "name=\"_csrf\"");
        // nor does it cost a session: the layout reads the CSRF token (which lives in one) only for a signed-in user
        assertThat(missing.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION="));
        // a real page still asks for the login first
        HttpResponse<String> company = browser.fetch("/company");
        assertThat(company.statusCode()).isEqualTo(302);
        assertThat(company.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?continue=%2Fconsole%2Fcompany");
    }

    @Test
    void theLoginAndSignUpFormsSentAfterTheirSessionEndedGoBackToTheFormWhichSaysSo() throws Exception {
        mvc.perform(post("/login").param("username", "a@b.kr").param("password", "x").param("continue", "/console/company"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?error=expired&continue=%2Fconsole%2Fcompany"));
        mvc.perform(get("/login").param("error", "expired"))
                .andExpect(content().string(containsString("로그인 화면이 오래되어 로그인하지 못했습니다.")));
        String email = unique("stale") + "@example.com";
        mvc.perform(post("/signup").param("email", email))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/signup?notice=expired"));
        assertThat(accounts.findByEmail(email)).isEmpty();
        mvc.perform(get("/signup").param("notice", "expired"))
                .andExpect(content().string(containsString("페이지가 오래 열려 있어 보낸 내용을 처리하지 못했습니다.")));
        // a logout sent after its session ended (signed out in another tab): done already, the login page says so
        mvc.perform(post("/logout"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?logout"));
        // any other form still gets the page that says why
        mvc.perform(post("/admin/queues/1/pause").with(user(principal(admin()))))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/denied"));
    }

    @Test
    void aFailedLoginKeepsTheEmailTypedAndASignedInSellerSkipsTheLoginAndSignUpForms() throws Exception {
        Account seller = newSeller("correct-horse-1");
        ConsoleBrowser browser = new ConsoleBrowser(port);
        HttpResponse<String> failed = browser.login(seller.getEmail(), "wrong-horse-1");
        assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error=bad-credentials")
                .doesNotContain("seller");
        assertThat(browser.fetch("/login?error=bad-credentials").body()).contains("value=\"" + seller.getEmail() + "\"");
        assertThat(browser.fetch("/login?error=bad-credentials").body()).as("shown once").doesNotContain(seller.getEmail());

        assertThat(browser.login(seller.getEmail(), "correct-horse-1").statusCode()).isEqualTo(302);
        HttpResponse<String> loginAgain = browser.fetch("/login?continue=%2Fconsole%2Fcompany");
        assertThat(loginAgain.statusCode()).isEqualTo(302);
        assertThat(loginAgain.headers().firstValue("Location").orElseThrow()).endsWith("/console/company");
        HttpResponse<String> signUp = browser.fetch("/signup");
        assertThat(signUp.statusCode()).isEqualTo(302);
        assertThat(signUp.headers().firstValue("Location").orElseThrow()).endsWith("/console/");
    }

    @Test
    void logoutOpenedAsAPageAsksFirstAndTheLoginNeverLeadsThere() throws Exception {
        Account seller = newSeller("correct-horse-1");
        mvc.perform(get("/logout").with(user(principal(seller))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(seller.getEmail() + " 계정에서 로그아웃할까요?")))
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*<form action=\"/console/logout\" method=\"post\" class=\"stack\"><input type=\"hidden\" name=\"_csrf\".*")));
        mvc.perform(get("/").with(user(principal(seller)))).andExpect(status().isOk()); // the GET signed nobody out
        mvc.perform(get("/logout")).andExpect(redirectedUrl("/console/login"));
        // a shopper, refused every console page, is sent to the storefront's own (one session: it signs out here too)
        mvc.perform(get("/logout").with(user(principal(newShopper("correct-horse-1")))))
                .andExpect(redirectedUrl(links.storefront("/logout")));
        // a login sent on to the logout goes to the console's home instead
        mvc.perform(post("/login").with(csrf()).param("username", seller.getEmail())
                        .param("password", "correct-horse-1").param("continue", "/console/logout"))
                .andExpect(redirectedUrl("/console/"));
    }

    @Test
    void theRefusalMarksOnlyAddressesWithNoPageForAnyMethod() throws Exception {
        Account admin = admin();
        for (String path : new String[] {"/no-such-page", "/company/no-such-tab", "/products"}) {
            Object marked = mvc.perform(get(path).with(user(principal(admin))))
                    .andExpect(status().isForbidden()).andReturn().getRequest().getAttribute(PageMappings.NO_SUCH_PAGE);
            assertThat(marked).as(path).isEqualTo(Boolean.TRUE);
        }
        assertThat(mvc.perform(get("/company").with(user(principal(admin)))).andExpect(status().isForbidden())
                .andReturn().getRequest().getAttribute(PageMappings.NO_SUCH_PAGE)).isNull();
        // a page that exists for another method is refused, not missing
        assertThat(mvc.perform(post("/company").with(user(principal(admin))).with(csrf())).andExpect(status().isForbidden())
                .andReturn().getRequest().getAttribute(PageMappings.NO_SUCH_PAGE)).isNull();
        // and a stale form is a stale form, wherever it was posted
        assertThat(mvc.perform(post("/no-such-page").with(user(principal(admin)))).andExpect(status().isForbidden())
                .andReturn().getRequest().getAttribute(PageMappings.NO_SUCH_PAGE)).isNull();
    }

    @Test
    void theLanguageSwitchKeepsThePageAndItsQuery() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get(URI.create(CONTEXT + "/login?continue=%2Fconsole%2Fcompany")).contextPath(CONTEXT))
                .andExpect(content().string(containsString("href=\"/console/login?continue=%2Fconsole%2Fcompany&amp;lang=en\"")));
        // the seller sign-up shown again by its POST: back to the form's page
        mvc.perform(post("/signup").with(csrf()).header("Referer", "http://localhost/console/signup").param("email", "x"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/console/signup?lang=en\"")));
    }

    @Test
    void unknownPagesGetTheFriendlyNotFoundPage() throws Exception {
        Account seller = newSeller("correct-horse-1");
        mvc.perform(get("/no-such-page").with(user(principal(seller))))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("요청한 항목을 찾을 수 없습니다.")))
                // in the signed-in layout: who is signed in, the seller's menu, no login link
                .andExpect(content().string(containsString(seller.getEmail())))
                .andExpect(content().string(containsString("href=\"/console/company\"")))
                .andExpect(content().string(not(containsString("href=\"/console/login\""))));
    }
}
