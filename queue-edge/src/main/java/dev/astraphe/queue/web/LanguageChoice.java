package dev.astraphe.queue.web;

import dev.astraphe.shared.web.LanguageCookie;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

/**
 * A page's language switch ({@code ?lang=en}): stored as the storefront stores it, in the cookie for the whole host
 * that the storefront, the console and every poll here read ({@link LanguageCookie}), then the page again without the
 * parameter. A language Astraphe does not speak changes nothing. Only the pages with the switch in their footer read
 * the parameter: joins and polls never look at their query for it.
 */
public final class LanguageChoice {

    private LanguageChoice() {
    }

    /**
     * When the request asks for a language ({@code ?lang=}): the choice stored, and a redirect to {@code path}
     * (relative to the app's base path). Otherwise empty, and the page is rendered as usual.
     */
    public static Optional<Rendering> ifAsked(String path, ServerWebExchange exchange) {
        String language = exchange.getRequest().getQueryParams().getFirst("lang");
        return language == null ? Optional.empty() : Optional.of(choose(language, path, exchange));
    }

    /** The cookie storing the choice, for the whole host; empty for a language Astraphe does not speak. */
    public static Optional<ResponseCookie> cookie(String language) {
        Locale chosen = LanguageCookie.supported(language);
        return chosen == null ? Optional.empty() : Optional.of(ResponseCookie.from(LanguageCookie.NAME, chosen.getLanguage())
                .path("/").maxAge(LanguageCookie.MAX_AGE).sameSite("Lax").build());
    }

    private static Rendering choose(String language, String path, ServerWebExchange exchange) {
        cookie(language).ifPresent(exchange.getResponse()::addCookie);
        return Rendering.redirectTo(path).build();
    }
}
