package dev.astraphe.storefront;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.astraphe.shared.web.LanguageCookie;
import dev.astraphe.shared.web.PageMappings;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class PagesTest extends StorefrontTestSupport {


    @Test
    void homeRendersWithTheLayoutInKoreanByDefault() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Astraphe")))
                .andExpect(content().string(containsString("진행 중이거나 곧 열리는 판매")))
                .andExpect(content().string(not(containsString("name=\"_csrf\"")))) // anonymous: no token, no session
                .andExpect(content().string(containsString("/webjars/htmx.org/")))
                .andExpect(content().string(containsString("/js/app.js")))
                .andExpect(content().string(containsString("/js/forms.js")))
                .andExpect(content().string(not(containsString("<script>"))))
                .andExpect(content().string(containsString("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\">")));
        mvc.perform(get("/favicon.svg"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"));
        // served from the shared module's jar, as the console serves it
        mvc.perform(get("/js/forms.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("htmx:configRequest")));
    }

    @Test
    void englishFromAcceptLanguageAndFromTheLangSwitch() throws Exception {
        mvc.perform(get("/login").header("Accept-Language", "en-US,en;q=0.9"))
                .andExpect(content().string(containsString("Log in")));
        mvc.perform(get("/signup").param("lang", "en"))
                .andExpect(content().string(containsString("Create account")))
                // for the whole host, whatever the port: the waiting room (localhost:8081/queue) answers in it too
                .andExpect(cookie().value(LanguageCookie.NAME, "en"))
                .andExpect(cookie().path(LanguageCookie.NAME, "/"))
                .andExpect(cookie().domain(LanguageCookie.NAME, nullValue()));
        // a cookie no locale can be read from (anybody can send one) is ignored, not an error page
        mvc.perform(get("/login").cookie(new jakarta.servlet.http.Cookie(LanguageCookie.NAME, "en@@US%")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("로그인")));
        // a language Astraphe does not speak is neither stored nor read: the cookie keeps the choice made before it
        mvc.perform(get("/login").param("lang", "fr").cookie(new jakarta.servlet.http.Cookie(LanguageCookie.NAME, "en")))
                .andExpect(content().string(containsString("Log in")))
                .andExpect(cookie().doesNotExist(LanguageCookie.NAME));
        mvc.perform(get("/login").cookie(new jakarta.servlet.http.Cookie(LanguageCookie.NAME, "fr")))
                .andExpect(content().string(containsString("로그인")));
    }

    @Test
    void theLanguageSwitchKeepsThePageAndItsWayBack() throws Exception {
        // a login page's way back survives the switch: after logging in the shopper still lands in the waiting room
        mvc.perform(get(java.net.URI.create("/login?continue=http%3A%2F%2Flocalhost%3A8081%2Fqueue%2Fp%2F1")))
                .andExpect(content().string(containsString(
                        "href=\"/login?continue=http%3A%2F%2Flocalhost%3A8081%2Fqueue%2Fp%2F1&amp;lang=en\"")));
        // a form shown again by its POST links to the page it was on, not to the POST's address (a 405 for a GET)
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/signup")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .header("Referer", "http://localhost/signup?continue=%2Fproducts%2F7").param("email", "x"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/signup?continue=%2Fproducts%2F7&amp;lang=en\"")));
    }

    @Test
    void theTermsAndThePrivacyPolicySignUpAsksForArePagesInBothLanguagesLinkedFromSignUpAndEveryFooter() throws Exception {
        mvc.perform(get("/terms"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<h1>이용약관</h1>")))
                .andExpect(content().string(containsString("한 번의 입장으로 한 번 주문할 수 있습니다")))
                .andExpect(content().string(containsString("mailto:help@astraphe.local")));
        mvc.perform(get("/privacy").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<h1>Privacy policy</h1>")))
                .andExpect(content().string(containsString("No cookies are used for advertising or tracking.")));
        mvc.perform(get("/signup"))
                .andExpect(content().string(containsString("<a href=\"/terms\" target=\"_blank\" rel=\"noopener\">이용약관</a>")))
                .andExpect(content().string(containsString("<a href=\"/privacy\" target=\"_blank\" rel=\"noopener\">개인정보 처리방침</a>")));
        mvc.perform(get("/"))
                .andExpect(content().string(containsString("<a href=\"/terms#contact\">문의</a>")));
        // a disabled account is told to contact support: with the way to
        mvc.perform(get("/login").param("error", "disabled"))
                .andExpect(content().string(containsString("사용이 중지된 계정입니다")))
                .andExpect(content().string(containsString("href=\"/terms#contact\"")));
    }

    @Test
    void pagesSendAContentSecurityPolicyWithoutInlineScripts() throws Exception {
        mvc.perform(get("/"))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))));
    }

    @Test
    void pagesShipNoDevelopersComments() throws Exception {
        for (String page : new String[] {"/", "/signup", "/login"}) {
            mvc.perform(get(page)).andExpect(content().string(not(containsString("<!--"))));
        }
    }

    @Test
    void unknownPagesGetTheFriendlyErrorPageNotAStackTrace() throws Exception {
        mvc.perform(get("/no-such-page"))
                .andExpect(forwardedUrl("/denied")); // anonymous too: not found (a real server: BrowserSessionTest)
        mvc.perform(get("/denied").requestAttr(PageMappings.NO_SUCH_PAGE, Boolean.TRUE))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("페이지를 찾을 수 없습니다")));
        mvc.perform(get("/error").accept(MediaType.TEXT_HTML).requestAttr("jakarta.servlet.error.status_code", 404))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("페이지를 찾을 수 없습니다")))
                .andExpect(content().string(not(containsString("Exception"))));
    }
}
