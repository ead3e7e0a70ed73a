package dev.astraphe.shared.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What the two servlet apps (the storefront and the seller console) share of their web set-up, imported by each:
 * Korean first, English from Accept-Language or chosen with {@code ?lang=en} and kept in a cookie for the whole host,
 * which the waiting room reads too ({@link LanguageCookie}), with the layout's links ({@link LayoutLinks}); text
 * bound without control characters ({@link TypedText}); and Tomcat's own errors and {@code /error} typed in answered
 * by pages of ours.
 */
@Configuration(proxyBeanMethods = false)
public class ServletWebConfiguration implements WebMvcConfigurer {

    /** The bean name is what the DispatcherServlet looks up. */
    @Bean
    LocaleResolver localeResolver() {
        return new SpokenLanguageCookieResolver();
    }

    @Bean
    LayoutLinks layoutLinks(AppLinks links) {
        return new LayoutLinks(links);
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

    /** Asked by each app's refusal handlers before the dispatcher runs (the dispatcher's own mapping of pages). */
    @Bean
    PageMappings pageMappings(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> pages) {
        return new PageMappings(pages);
    }

    @Bean
    TypedText typedText() {
        return new TypedText();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(SpokenLanguageCookieResolver.langParameter());
    }
}
