package dev.astraphe.queue.web;

import dev.astraphe.queue.security.HotRouteChains;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.HttpStatusExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.support.ServerResponseResultHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The application's {@link HttpHandler}, built as Spring Boot builds it (the context's web handler, filters,
 * session manager and codecs, the HTML-escaping default, every customizer in order), served under the base path
 * by {@link BasePathHandler} instead of Spring's request-copying handler, its filters run as one
 * ({@link FilterSequence}), a hot route's security chain found by its route ({@link HotRouteChains}), the hot routes
 * answered after the filters ({@link HotRoutes}). Boot steps back when a handler
 * is defined; the management port's child context builds its own.
 */
@Configuration(proxyBeanMethods = false)
class HttpHandlerConfiguration {

    @Bean
    HttpHandler httpHandler(ApplicationContext context, WebFluxProperties properties,
                            ObjectProvider<WebHttpHandlerBuilderCustomizer> customizers, List<HotRoutes.Handler> hotRoutes,
                            ServerCodecConfigurer codecs, ServerResponseResultHandler results,
                            ObjectProvider<SecurityWebFilterChain> securityChains, ServerWebExchangeFirewall firewall,
                            ObjectProvider<ServerExchangeRejectedHandler> rejected) {
        WebHttpHandlerBuilder builder = WebHttpHandlerBuilder.applicationContext(context);
        if (properties.getDefaultHtmlEscape() != null) {
            builder.defaultHtmlEscape(properties.getDefaultHtmlEscape());
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        // the application's filters (timing, the sessionless poll, Spring Security's proxy, then the hot routes) as one:
        // see FilterSequence and HotRoutes; the proxy finds a hot route's security chain by the route (HotRouteChains)
        builder.filters(filters -> {
            filters.replaceAll(filter -> filter instanceof WebFilterChainProxy proxy
                    ? HotRouteChains.of(proxy, securityChains.orderedStream().toList(), firewall,
                            rejected.getIfAvailable(HttpStatusExchangeRejectedHandler::new))
                    : filter);
            filters.add(HotRoutes.filter(hotRoutes, codecs, results));
            if (filters.size() > 1) {
                FilterSequence all = FilterSequence.of(List.copyOf(filters), "WebFilters");
                filters.clear();
                filters.add(all);
            }
        });
        HttpHandler handler = builder.build();
        return StringUtils.hasText(properties.getBasePath()) ? new BasePathHandler(properties.getBasePath(), handler) : handler;
    }
}
