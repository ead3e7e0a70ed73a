package dev.astraphe.console.web;

import dev.astraphe.shared.web.ErrorPathNotAPage;
import dev.astraphe.shared.web.LanguageCookie;
import dev.astraphe.shared.web.ServerErrorPage;
import dev.astraphe.shared.web.SpokenLanguageCookieResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console speaks the language chosen anywhere on the host: the storefront's language cookie
 * ({@link LanguageCookie}), or {@code ?lang=} here, which sets it for the storefront and the waiting room too; else
 * the browser's Accept-Language, Korean first.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** The bean name is what the DispatcherServlet looks up. */
    @Bean
    LocaleResolver localeResolver() {
        return new SpokenLanguageCookieResolver();
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
