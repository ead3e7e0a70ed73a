package dev.astraphe.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The servlet apps' language (storefront and console): Korean first; English from Accept-Language, or chosen with
 * {@code ?lang=en} and kept for a year in {@link LanguageCookie}, which every app on the host reads, the waiting room
 * included. Only the languages Astraphe speaks are kept, as {@code ko} or {@code en}: {@code ?lang=fr} or an empty
 * {@code ?lang=} changes nothing (the cookie stays as it was), and a cookie naming another language, or no language
 * at all, is read as none, exactly as the waiting room reads it ({@link LanguageCookie#supported}). Spring's own
 * resolver answered an unreadable cookie with an error page.
 */
public final class SpokenLanguageCookieResolver extends CookieLocaleResolver {

    public SpokenLanguageCookieResolver() {
        super(LanguageCookie.NAME);
        setCookieMaxAge(LanguageCookie.MAX_AGE);
        setRejectInvalidCookies(false);
        setDefaultLocaleFunction(request -> request.getHeader("Accept-Language") == null ? Locale.KOREAN
                : Objects.requireNonNullElse(LanguageCookie.supported(request.getLocale().getLanguage()), Locale.KOREAN));
    }

    /** What reads {@code ?lang=} on any page and hands it to this resolver (which keeps only what it speaks). */
    public static LocaleChangeInterceptor langParameter() {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        return lang;
    }

    @Override
    protected @Nullable Locale parseLocaleValue(String value) {
        return LanguageCookie.supported(value);
    }

    @Override
    public void setLocaleContext(HttpServletRequest request, @Nullable HttpServletResponse response,
                                 @Nullable LocaleContext localeContext) {
        Locale locale = localeContext == null ? null : localeContext.getLocale();
        Locale spoken = locale == null ? null : LanguageCookie.supported(locale.getLanguage());
        if (spoken != null) {
            super.setLocaleContext(request, response, new SimpleLocaleContext(spoken));
        }
    }
}
