package dev.astraphe.storefront.web;

import dev.astraphe.shared.web.ErrorPathNotAPage;
import dev.astraphe.shared.web.LanguageCookie;
import dev.astraphe.shared.web.ServerErrorPage;
import dev.astraphe.shared.web.SpokenLanguageCookieResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Korean first; English from Accept-Language, or chosen with {@code ?lang=en} and kept in a cookie for the whole host,
 * which the waiting room and the console read too ({@link LanguageCookie}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** The bean name is what the DispatcherServlet looks up. */
    @Bean
    LocaleResolver localeResolver() {
        return new SpokenLanguageCookieResolver();
    }

    /** The bean name is what the DispatcherServlet looks up. */
    @Bean
    FlashMapManager flashMapManager() {
        return new StringFlashMapManager();
    }

    /** Tomcat's own errors (an address it cannot read, one outside the app) get a plain page of ours, not its own. */
    @Bean
    ServerErrorPage serverErrorPage() {
        return new ServerErrorPage();
    }

    @Bean
    ErrorPathNotAPage errorPathNotAPage() {
        return new ErrorPathNotAPage();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(SpokenLanguageCookieResolver.langParameter());
    }
}
