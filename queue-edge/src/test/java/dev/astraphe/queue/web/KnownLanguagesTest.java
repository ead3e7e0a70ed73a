package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.shared.web.LanguageCookie;
import dev.astraphe.testsupport.UsesRedis;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;

/** The same properties as {@link CachingViewResolverTest}, so both use one test context. */
@UsesRedis
@SpringBootTest(properties = {"astraphe.queue.admission-ticks=false",
        "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
class KnownLanguagesTest {

    private static final String[][] HEADERS = {
            {}, {"en"}, {"ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"}, {"en-US,en;q=0.9,ko;q=0.8"}, {"fr-CH, fr;q=0.9"},
            {"*"}, {"en;q=nope"}, {""}, {"en", "ko"}, {"ko", "en"},
    };

    @Autowired ApplicationContext context;

    private final AcceptHeaderLocaleContextResolver spring = springResolver();
    private final KnownLanguages.Resolver known = new KnownLanguages.Resolver(springResolver());

    @Test
    void answersAsSpringsResolverDoesAndKeepsTheAnswerOfEachHeader() {
        for (String[] header : HEADERS) {
            Locale expected = spring.resolveLocaleContext(exchange(header)).getLocale();
            LocaleContext first = known.resolveLocaleContext(exchange(header));
            assertThat(first.getLocale()).as(String.join(" | ", header)).isEqualTo(expected);
            assertThat(known.resolveLocaleContext(exchange(header)).getLocale()).isEqualTo(expected);
            if (header.length > 0) {
                assertThat(known.resolveLocaleContext(exchange(header))).as("kept").isSameAs(first);
            }
        }
        assertThat(spring.resolveLocaleContext(exchange("en")).getLocale()).isEqualTo(Locale.ENGLISH);
        assertThat(spring.resolveLocaleContext(exchange()).getLocale()).isEqualTo(Locale.KOREAN);
    }

    @Test
    void keepsOnlySoManyHeadersAndStillAnswersTheRest() {
        int sent = KnownLanguages.MAX_KEPT + 20;
        for (int i = 0; i < sent; i++) {
            String header = "en-US;q=0." + (100 + i);
            assertThat(known.resolveLocaleContext(exchange(header)).getLocale()).isEqualTo(Locale.US);
        }
        assertThat(known.kept()).isEqualTo(KnownLanguages.MAX_KEPT);
        assertThat(known.resolveLocaleContext(exchange("ko")).getLocale()).isEqualTo(Locale.KOREAN);
    }

    @Test
    void theLanguagePickedOnTheStorefrontWinsOverTheBrowsersLanguages() {
        String korean = "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7";
        assertThat(known.resolveLocaleContext(withCookie("en", korean)).getLocale()).isEqualTo(Locale.ENGLISH);
        assertThat(known.resolveLocaleContext(withCookie("ko", "en-US,en;q=0.9")).getLocale()).isEqualTo(Locale.KOREAN);
        // a hand-typed ?lang=en_US on the storefront stores en-US; the storefront reads en_US too
        for (String english : new String[] {"en-US", "en_GB", "EN", "En-us"}) {
            assertThat(known.resolveLocaleContext(withCookie(english, korean)).getLocale()).as(english).isEqualTo(Locale.ENGLISH);
        }
        assertThat(known.resolveLocaleContext(withCookie("ko-KR", null)).getLocale()).isEqualTo(Locale.KOREAN);
        assertThat(known.resolveLocaleContext(withCookie("en", null)).getLocale()).isEqualTo(Locale.ENGLISH);
        assertThat(known.kept()).as("the cookie's answers are not kept by header").isEqualTo(0);
    }

    @Test
    void aLanguageCookieAstrapheDoesNotSpeakOrCannotReadIsIgnored() {
        String[] ignored = {"fr", "", "e", "english", "en-", "en-1", "en-USA", "en-US-x-a", "en;", " en", "en ", "ko,en",
                "<script>", "%65n", "en\0", "\"en\""};
        for (String value : ignored) {
            assertThat(known.resolveLocaleContext(withCookie(value, "en")).getLocale()).as(value).isEqualTo(Locale.ENGLISH);
            assertThat(known.resolveLocaleContext(withCookie(value, "ko")).getLocale()).as(value).isEqualTo(Locale.KOREAN);
            assertThat(known.resolveLocaleContext(withCookie(value, null)).getLocale()).as(value).isEqualTo(Locale.KOREAN);
        }
        assertThat(known.kept()).as("only the two headers are kept").isEqualTo(2);
    }

    @Test
    void theApplicationResolvesLocalesThroughIt() {
        // the web handler is built with the bean of this name (WebHttpHandlerBuilder); Boot's own backs off for ours
        assertThat(context.getBean(WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)).isInstanceOf(KnownLanguages.Resolver.class);
    }

    private static AcceptHeaderLocaleContextResolver springResolver() {
        AcceptHeaderLocaleContextResolver resolver = new AcceptHeaderLocaleContextResolver();
        resolver.setDefaultLocale(Locale.KOREAN);
        return resolver;
    }

    /** A poll with the storefront's language cookie set to {@code value}, and {@code acceptLanguage} unless null. */
    private static MockServerWebExchange withCookie(String value, String acceptLanguage) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/queue/p/1/poll")
                .cookie(new HttpCookie(LanguageCookie.NAME, value));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return MockServerWebExchange.from(request);
    }

    private static MockServerWebExchange exchange(String... acceptLanguage) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/queue/p/1/poll");
        for (String value : acceptLanguage) {
            request.header("Accept-Language", value);
        }
        return MockServerWebExchange.from(request);
    }
}
