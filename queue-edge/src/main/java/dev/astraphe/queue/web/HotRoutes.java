package dev.astraphe.queue.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.ServerResponseResultHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The hot routes (the ping, polls, joins; see {@link Route}) answered by their handler functions as the last web
 * filter, after Spring Security's, instead of by the dispatcher. For every request the dispatcher walks its handler
 * mappings, tries the application's router functions one after another (each a method and a path pattern to
 * match), adapts the answer into a handler result, looks for the result handler that supports it and puts a named
 * checkpoint on it: dozens of operators and a string built per request. Here the route is known from the method
 * and path ({@link Route#of}), the product id is cut out of the path, and the handler's response is written by the
 * dispatcher's own result handler (codecs and view resolvers). With the security chains' route matchers, in paired
 * rounds: ping 1.17 and joins 1.16 times as fast (median of four).
 *
 * <p>The same handlers are also the router functions the dispatcher knows, so a request this filter does not
 * recognise (a path with percent-encoded letters, say) is still served, by the dispatcher, the same way.
 */
@Configuration(proxyBeanMethods = false)
public class HotRoutes {

    /** A hot route and the function that answers it. */
    public record Handler(Route route, HandlerFunction<ServerResponse> function) {
    }

    /**
     * Not a web filter bean: those are shared with the management port's child context, which must not answer these
     * routes. {@link HttpHandlerConfiguration} puts it last among the application's filters.
     */
    static HotRouteFilter filter(List<Handler> handlers, ServerCodecConfigurer codecs, ServerResponseResultHandler results) {
        return new HotRouteFilter(handlers, codecs.getReaders(), results);
    }

    @Bean
    RouterFunction<ServerResponse> hotRouter(List<Handler> handlers) {
        RouterFunctions.Builder router = RouterFunctions.route();
        for (Handler handler : handlers) {
            Route route = handler.route();
            router.route(RequestPredicates.method(route.method).and(RequestPredicates.path(route.pattern)), handler.function());
        }
        return router.build();
    }

    /** Runs after every other web filter, Spring Security's included; answers a hot route, passes anything else on. */
    static final class HotRouteFilter implements WebFilter {

        /** The return type the dispatcher gives a handler function's result. */
        private static final MethodParameter RETURN_TYPE = new MethodParameter(
                ReflectionUtils.findMethod(HandlerFunction.class, "handle", ServerRequest.class), -1);

        private final @Nullable HandlerFunction<ServerResponse>[] byRoute;
        private final List<HttpMessageReader<?>> readers;
        private final ServerResponseResultHandler results;

        @SuppressWarnings("unchecked")
        HotRouteFilter(List<Handler> handlers, List<HttpMessageReader<?>> readers, ServerResponseResultHandler results) {
            this.byRoute = new HandlerFunction[Route.values().length];
            for (Handler handler : handlers) {
                if (byRoute[handler.route().ordinal()] != null) {
                    throw new IllegalStateException("Two handlers for " + handler.route());
                }
                byRoute[handler.route().ordinal()] = handler.function();
            }
            this.readers = readers;
            this.results = results;
        }

        /** Spring's filter chain asks every filter for its name on every request. */
        @Override
        public String toString() {
            return "HotRouteFilter";
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            Route route = Route.of(exchange.getRequest());
            HandlerFunction<ServerResponse> function = route == null ? null : byRoute[route.ordinal()];
            if (function == null) {
                return chain.filter(exchange);
            }
            if (route != Route.PING) {
                String path = exchange.getRequest().getPath().pathWithinApplication().value();
                exchange.getAttributes().put(RouterFunctions.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                        Map.of("productId", Route.productId(path)));
            }
            return function.handle(ServerRequest.create(exchange, readers))
                    .flatMap(response -> results.handleResult(exchange, new HandlerResult(function, response, RETURN_TYPE)));
        }
    }
}
