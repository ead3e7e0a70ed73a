package dev.astraphe.queue.web;

import dev.astraphe.shared.web.LanguageCookie;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.FixedLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The locale of a request: the language the shopper picked on the storefront ({@link LanguageCookie}) if the request
 * carries a supported one, else from its {@code Accept-Language}, as Spring Boot's resolver decides it
 * ({@code spring.web.locale} when the header is missing or unreadable), with each header text's answer kept.
 *
 * <p>Every poll and join renders the status fragment in the shopper's language, and a browser sends the same header
 * with each of them ({@code ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7}, say). Spring parses it into language ranges and
 * locales on every request, about 1.3 µs; with the answers kept, polls ran 1.06–1.17 times as fast in paired
 * benchmark runs ({@code bench/README.md}, 2026-12-06 09:37). A shop's shoppers send a
 * handful of different headers, so the answers are kept by header text; since anybody can send any header, only
 * the first {@value #MAX_KEPT} are kept and the rest are parsed each time, as before. The cookie costs a lookup in
 * the request's cookies, which a poll parses for its ticket anyway, and a few character checks.
 */
@Configuration(proxyBeanMethods = false)
public class KnownLanguages {

    static final int MAX_KEPT = 64;

    /** Takes the place of Spring Boot's resolver, which backs off for a bean of this name. */
    @Bean(name = WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
    LocaleContextResolver localeContextResolver(WebProperties web) {
        if (web.getLocaleResolver() == WebProperties.LocaleResolver.FIXED) {
            return new FixedLocaleContextResolver(web.getLocale());
        }
        AcceptHeaderLocaleContextResolver resolver = new AcceptHeaderLocaleContextResolver();
        resolver.setDefaultLocale(web.getLocale());
        return new Resolver(resolver);
    }

    /** The storefront's language cookie first, then Spring's Accept-Language resolver, its answers kept by header text. */
    static final class Resolver implements LocaleContextResolver {

        private static final LocaleContext ENGLISH = new SimpleLocaleContext(Locale.ENGLISH);
        private static final LocaleContext KOREAN = new SimpleLocaleContext(Locale.KOREAN);

        private final AcceptHeaderLocaleContextResolver resolver;
        private final ConcurrentMap<String, LocaleContext> byHeader = new ConcurrentHashMap<>();

        Resolver(AcceptHeaderLocaleContextResolver resolver) {
            this.resolver = resolver;
        }

        @Override
        public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
            HttpCookie chosen = exchange.getRequest().getCookies().getFirst(LanguageCookie.NAME);
            if (chosen != null) {
                // an unsupported or malformed value is ignored: the browser's languages decide, as without a cookie
                Locale language = LanguageCookie.supported(chosen.getValue());
                if (language != null) {
                    return Locale.ENGLISH.equals(language) ? ENGLISH : KOREAN;
                }
            }
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE);
            if (header == null) {
                return resolver.resolveLocaleContext(exchange); // no parsing: the default locale
            }
            LocaleContext known = byHeader.get(header);
            if (known != null) {
                return known;
            }
            // the answer depends on nothing else than this header: the resolver reads only its first value
            Locale locale = resolver.resolveLocaleContext(exchange).getLocale();
            LocaleContext resolved = new SimpleLocaleContext(locale);
            return byHeader.size() < MAX_KEPT ? byHeader.computeIfAbsent(header, h -> resolved) : resolved;
        }

        @Override
        public void setLocaleContext(ServerWebExchange exchange, @Nullable LocaleContext localeContext) {
            resolver.setLocaleContext(exchange, localeContext);
        }

        int kept() {
            return byHeader.size();
        }
    }
}
