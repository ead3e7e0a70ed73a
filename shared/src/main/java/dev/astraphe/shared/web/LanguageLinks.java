package dev.astraphe.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The language switch's links: the page being read, in each language ({@code ?lang=}, which
 * {@link SpokenLanguageCookieResolver#langParameter()} stores). Its query is kept, only {@code lang} replaced: a login
 * page's way back ({@code continue}) or an admin's search survives the switch. A page rendered by a form's POST (the
 * form again, with its errors) has no address a GET can load ({@code GET /account/profile} is a 405), so its links
 * lead to the page the form was on ({@link RefererPage}), else the app's home.
 *
 * @param ko the page in Korean
 * @param en the page in English
 */
public record LanguageLinks(String ko, String en) {

    /**
     * For the request being handled; the plain {@code ?lang=} links outside one. (Boot's error pages get them: the
     * browser shows the failed address, which they load again.)
     */
    public static LanguageLinks current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return of(attributes.getRequest());
        }
        return new LanguageLinks("?lang=ko", "?lang=en");
    }

    public static LanguageLinks of(HttpServletRequest request) {
        String page = page(request);
        return new LanguageLinks(withLanguage(page, "ko"), withLanguage(page, "en"));
    }

    /** Path and query (as sent, still encoded) of the page a link should load again. */
    private static String page(HttpServletRequest request) {
        String home = request.getContextPath() + "/";
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            // a refusal is rendered by a forward, for the address asked for: that is the one to load again
            String path = request.getRequestURI();
            String query = request.getQueryString();
            if (request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) instanceof String forwarded) {
                path = forwarded;
                query = (String) request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
            }
            return query == null ? path : path + "?" + query;
        }
        String from = RefererPage.of(request);
        return from == null ? home : from;
    }

    private static String withLanguage(String page, String language) {
        try {
            return UriComponentsBuilder.fromUriString(page).replaceQueryParam("lang", language).build(true).toUriString();
        } catch (IllegalArgumentException notEncodedAsItShouldBe) {
            return "?lang=" + language;
        }
    }
}
