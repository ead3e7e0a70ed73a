package dev.astraphe.queue.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The application's {@link HttpHandler}, built as Spring Boot builds it (the context's web handler, filters,
 * session manager and codecs, the HTML-escaping default, every customizer in order), served under the base path
 * by {@link BasePathHandler} instead of Spring's request-copying handler. Boot steps back when a handler is
 * defined; the management port's child context builds its own.
 */
@Configuration(proxyBeanMethods = false)
class HttpHandlerConfiguration {

    @Bean
    HttpHandler httpHandler(ApplicationContext context, WebFluxProperties properties,
                            ObjectProvider<WebHttpHandlerBuilderCustomizer> customizers) {
        WebHttpHandlerBuilder builder = WebHttpHandlerBuilder.applicationContext(context);
        if (properties.getDefaultHtmlEscape() != null) {
            builder.defaultHtmlEscape(properties.getDefaultHtmlEscape());
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        HttpHandler handler = builder.build();
        return StringUtils.hasText(properties.getBasePath()) ? new BasePathHandler(properties.getBasePath(), handler) : handler;
    }
}
