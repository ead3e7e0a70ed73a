package dev.astraphe.storefront.web;

import dev.astraphe.shared.web.LanguageCookie;
import java.time.Duration;
import java.util.Locale;
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
        CookieLocaleResolver resolver = new CookieLocaleResolver(LanguageCookie.NAME);
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
