package dev.astraphe.storefront.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.astraphe.db.account.Account;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import dev.astraphe.storefront.StorefrontTestSupport;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

class LoginTest extends StorefrontTestSupport {

    @Autowired FindByIndexNameSessionRepository<? extends Session> sessions;
    @Autowired PasswordEncoder passwordEncoder;

    @Test
    void loginPutsAnAstrapheUserIntoTheRedisSession() throws Exception {
        String email = uniqueEmail("login");
        Account account = shopper(email);
        Cookie cookie = login(email.toUpperCase(), PASSWORD);

        Session session = sessions.findById(cookie.getValue());
        assertThat(session).isNotNull();
        SecurityContext context = session.getAttribute("SPRING_SECURITY_CONTEXT");
        assertThat(context.getAuthentication().getPrincipal()).isInstanceOfSatisfying(AstrapheUser.class, user -> {
            assertThat(user.id()).isEqualTo(account.getId());
            assertThat(user.email()).isEqualTo(email);
        });
        assertThat(context.getAuthentication().getDetails()).isNull();
        assertThat(sessions.findByPrincipalName(account.getId().toString())).containsKey(cookie.getValue());

        mvc.perform(get("/account").cookie(cookie))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("김쇼퍼")));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() throws Exception {
        String email = uniqueEmail("wrong");
        shopper(email);
        assertThat(postLogin(email, "not-the-password", null).getRedirectedUrl()).isEqualTo("/login?error=bad-credentials");
        assertThat(postLogin(uniqueEmail("nobody"), PASSWORD, null).getRedirectedUrl()).isEqualTo("/login?error=bad-credentials");
        // an e-mail PostgreSQL cannot even look up (a NUL in it) is just a wrong login, not a 500
        assertThat(postLogin("a\u0000" + email, PASSWORD, null).getRedirectedUrl()).isEqualTo("/login?error=bad-credentials");
        mvc.perform(get("/login").param("error", "bad-credentials"))
                .andExpect(content().string(containsString("이메일 또는 비밀번호가 올바르지 않습니다.")));
    }

    @Test
    void aDisabledAccountIsRefused() throws Exception {
        String email = uniqueEmail("disabled");
        Account account = shopper(email);
        account.disable();
        accounts.saveAndFlush(account);
        assertThat(postLogin(email, PASSWORD, "/account").getRedirectedUrl()).isEqualTo("/login?error=disabled&continue=%2Faccount");
        // a wrong password does not reveal that the account is disabled
        assertThat(postLogin(email, "not-the-password", null).getRedirectedUrl()).isEqualTo("/login?error=bad-credentials");
    }

    @Test
    void afterFiveFailuresEvenTheRightPasswordIsRefused() throws Exception {
        String email = uniqueEmail("throttle");
        shopper(email);
        for (int i = 0; i < 5; i++) {
            assertThat(postLogin(email, "guess-" + i + "-xxxxxx", null).getRedirectedUrl()).isEqualTo("/login?error=bad-credentials");
        }
        assertThat(postLogin(email, PASSWORD, "/account").getRedirectedUrl()).isEqualTo("/login?error=throttled&continue=%2Faccount");
        mvc.perform(get("/login").param("error", "throttled"))
                .andExpect(content().string(containsString("로그인 실패가 너무 많습니다.")));
        // another e-mail is not affected
        String other = uniqueEmail("other");
        shopper(other);
        login(other, PASSWORD);
    }

    @Test
    void aPasswordStoredWithACharacterTheFormsNowDropLogsInAsTypedAndIsStoredAgainWithout() throws Exception {
        // signed up before the forms dropped zero-width spaces: the hash is of the password as typed
        String email = uniqueEmail("legacy");
        String typed = "legacy\u200Bhorse-battery";
        long id = accounts.save(new Account(email, passwordEncoder.encode(typed), "김쇼퍼", Role.SHOPPER, null)).getId();
        // a wrong password tried both ways is one failure: four leave the right one a chance
        for (int i = 0; i < 4; i++) {
            assertThat(postLogin(email, "wrong\u200B-" + i + "-xxxxxx", null).getRedirectedUrl()).isEqualTo("/login?error=bad-credentials");
        }
        login(email, typed);
        // stored again as the password and account forms now send it, so changing it or deleting the account works
        assertThat(passwordEncoder.matches("legacyhorse-battery", accounts.findById(id).orElseThrow().getPasswordHash())).isTrue();
        login(email, typed);
        // an e-mail pasted with such a character is the same account
        login("\u200B" + email + "\uFEFF", "legacyhorse-battery");
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() throws Exception {
        String email = uniqueEmail("reset");
        shopper(email);
        for (int i = 0; i < 4; i++) {
            postLogin(email, "guess-" + i + "-xxxxxx", null);
        }
        login(email, PASSWORD);
        for (int i = 0; i < 4; i++) {
            postLogin(email, "guess-" + i + "-xxxxxx", null);
        }
        login(email, PASSWORD);
    }

    @Test
    void continueIsHonouredInsideAstrapheAndRefusedOutside() throws Exception {
        String email = uniqueEmail("continue");
        shopper(email);
        assertThat(postLogin(email, PASSWORD, "/account").getRedirectedUrl()).isEqualTo("/account");
        assertThat(postLogin(email, PASSWORD, "http://localhost:8081/queue/products/7?from=home").getRedirectedUrl())
                .isEqualTo("http://localhost:8081/queue/products/7?from=home");
        assertThat(postLogin(email, PASSWORD, "//evil.example/x").getRedirectedUrl()).isEqualTo("/");
        assertThat(postLogin(email, PASSWORD, "https://evil.example/x").getRedirectedUrl()).isEqualTo("/");
        assertThat(postLogin(email, PASSWORD, "/\\evil.example").getRedirectedUrl()).isEqualTo("/");
        assertThat(postLogin(email, PASSWORD, "http://localhost:8081@evil.example/").getRedirectedUrl()).isEqualTo("/");
        // signing out is never where a login was meant to lead
        assertThat(postLogin(email, PASSWORD, "/logout").getRedirectedUrl()).isEqualTo("/");
        assertThat(postLogin(email, PASSWORD, "/logout/?x=1").getRedirectedUrl()).isEqualTo("/");
        assertThat(postLogin(email, PASSWORD, "http://localhost:8082/console/logout").getRedirectedUrl()).isEqualTo("/");
        assertThat(postLogin(email, PASSWORD, "/account?from=/logout").getRedirectedUrl()).isEqualTo("/account?from=/logout");
    }

    @Test
    void theLoginPageCarriesOnlyAValidContinue() throws Exception {
        mvc.perform(get("/login").param("continue", "/account?tab=addresses"))
                .andExpect(content().string(containsString("name=\"continue\" value=\"/account?tab=addresses\"")))
                // sent here from a page (a live sale's, say): the page says why, and that it comes back
                .andExpect(content().string(containsString("로그인이 필요한 페이지입니다")));
        mvc.perform(get("/login").param("continue", "https://evil.example/"))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("evil.example"))))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("로그인이 필요한 페이지입니다"))));
    }

    @Test
    void anonymousPageRequestsGoToLoginWithTheirPathAndQuery() throws Exception {
        mvc.perform(get("/account?tab=addresses"))
                .andExpect(redirectedUrl("/login?continue=%2Faccount%3Ftab%3Daddresses"));
        mvc.perform(post("/account/addresses/1/delete").with(csrf()))
                .andExpect(redirectedUrl("/login?continue=%2F"));
        mvc.perform(get("/account/addresses").header("HX-Request", "true").header("HX-Current-URL", "http://localhost:8080/account"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/login?continue=http%3A%2F%2Flocalhost%3A8080%2Faccount"));
    }

    @Test
    void postsWithoutACsrfTokenAreRefused() throws Exception {
        String email = uniqueEmail("csrf");
        shopper(email);
        Cookie cookie = login(email, PASSWORD);
        String refused = uniqueEmail("x");
        // not processed: back to the home page (no Referer), which says so
        mvc.perform(post("/signup").param("email", refused).param("password", PASSWORD).param("passwordConfirmation", PASSWORD)
                        .param("displayName", "x").param("terms", "true"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/?notice=expired"));
        assertThat(accounts.findByEmail(refused)).isEmpty();
        // a login without its token is not processed: back to the login page, which says to log in again
        mvc.perform(post("/login").param("username", email).param("password", PASSWORD).param("continue", "/products/7"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login?error=expired&continue=%2Fproducts%2F7"));
        mvc.perform(get("/login").param("error", "expired"))
                .andExpect(content().string(containsString("로그인 화면이 오래되어 로그인하지 못했습니다. 다시 로그인해 주세요.")));
        mvc.perform(post("/account/addresses").cookie(cookie).header("HX-Request", "true")
                        .param("label", "집").param("recipient", "김").param("phone", "010-1111-2222")
                        .param("postalCode", "04524").param("line1", "서울"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/account/profile").cookie(cookie).header("HX-Request", "true").param("displayName", "Hacked"))
                .andExpect(status().isForbidden());
        assertThat(accounts.findByEmail(email).orElseThrow().getDisplayName()).isEqualTo("김쇼퍼");
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String email = uniqueEmail("logout");
        shopper(email);
        Cookie cookie = login(email, PASSWORD);
        mvc.perform(get("/account").cookie(cookie)).andExpect(status().isOk());
        mvc.perform(post("/logout").with(csrf()).cookie(cookie)).andExpect(redirectedUrl("/"));
        mvc.perform(get("/account").cookie(cookie)).andExpect(redirectedUrl("/login?continue=%2Faccount"));
        assertThat(sessions.findById(cookie.getValue())).isNull();
    }

    @Test
    void logoutOpenedAsAPageAsksFirstAndSignsOutOnlyWithTheForm() throws Exception {
        String email = uniqueEmail("logout-page");
        shopper(email);
        Cookie cookie = login(email, PASSWORD);
        // a bookmark or a typed address: a question with the form (its CSRF token included), not a 404, and still signed in
        mvc.perform(get("/logout").cookie(cookie))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("김쇼퍼님, 로그아웃할까요?")))
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*<form class=\"card form\" method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"_csrf\".*")));
        mvc.perform(get("/account").cookie(cookie)).andExpect(status().isOk());
        // nobody signed in: nothing to sign out of, back to the shop (not a login first)
        mvc.perform(get("/logout")).andExpect(redirectedUrl("/"));
    }
}
