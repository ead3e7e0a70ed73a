package dev.astraphe.storefront.web;

import dev.astraphe.shared.web.LanguageCookie;
import java.time.Duration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Korean first; English from Accept-Language, or chosen with {@code ?lang=en} and kept in a cookie for the whole host,
 * which the waiting room reads too ({@link LanguageCookie}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new SpokenLanguageCookieResolver();
        resolver.setCookieMaxAge(Duration.ofDays(365));
        // a value no locale can be read from (anybody can send one) is dropped, as the waiting room ignores it: Spring's
        // default answered such a request with an error page
        resolver.setRejectInvalidCookies(false);
        resolver.setDefaultLocaleFunction(request ->
                request.getHeader("Accept-Language") == null ? Locale.KOREAN : supported(request.getLocale()));
        return resolver;
    }

    private static Locale supported(Locale requested) {
        return "en".equals(requested.getLanguage()) ? Locale.ENGLISH : Locale.KOREAN;
    }

    /**
     * Only the languages Astraphe speaks are kept: {@code ?lang=fr} changes nothing (the cookie stays as it was, the
     * page as it would be), and a cookie naming another language is read as none, exactly as the waiting room reads
     * it ({@link LanguageCookie#supported}).
     */
    private static final class SpokenLanguageCookieResolver extends CookieLocaleResolver {

        SpokenLanguageCookieResolver() {
            super(LanguageCookie.NAME);
        }

        @Override
        protected @Nullable Locale parseLocaleValue(String value) {
            return LanguageCookie.supported(value);
        }

        @Override
        public void setLocaleContext(HttpServletRequest request, @Nullable HttpServletResponse response,
                                     @Nullable LocaleContext localeContext) {
            Locale locale = localeContext == null ? null : localeContext.getLocale();
            if (locale != null && LanguageCookie.supported(locale.getLanguage()) == null) {
                return;
            }
            super.setLocaleContext(request, response, localeContext);
        }
    }

    /** The bean name is what the DispatcherServlet looks up. */
    @Bean
    FlashMapManager flashMapManager() {
        return new StringFlashMapManager();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        lang.setIgnoreInvalidLocale(true);
        registry.addInterceptor(lang);
    }
}
