package dev.astraphe.queue.security;

import dev.astraphe.queue.web.FilterSequence;
import dev.astraphe.queue.web.Route;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A security chain whose filters run as one ({@link FilterSequence}): the filter chain proxy sees a single filter
 * and puts a single checkpoint on it, named once, instead of one per security filter on every request (named by
 * each filter's {@code toString}, which for Spring Security's filters is Object's: a new string per call). A chain
 * for hot routes answers whether it applies from its {@link RouteMatcher} at once, with a constant publisher.
 */
final class SequencedChain implements SecurityWebFilterChain {

    private static final Mono<Boolean> YES = Mono.just(true);
    private static final Mono<Boolean> NO = Mono.just(false);

    private final SecurityWebFilterChain chain;
    private final @Nullable RouteMatcher route;
    private final List<WebFilter> filters;

    private SequencedChain(SecurityWebFilterChain chain, @Nullable RouteMatcher route) {
        this.chain = chain;
        this.route = route;
        this.filters = List.of(FilterSequence.of(chain.getWebFilters().collectList().block(), "SecurityFilters"));
    }

    static SecurityWebFilterChain of(SecurityWebFilterChain chain) {
        return new SequencedChain(chain, null);
    }

    /** A chain built with {@code route} as its security matcher. */
    static SecurityWebFilterChain of(RouteMatcher route, SecurityWebFilterChain chain) {
        return new SequencedChain(chain, route);
    }

    @Override
    public Mono<Boolean> matches(ServerWebExchange exchange) {
        if (route != null) {
            return route.test(exchange) ? YES : NO;
        }
        return chain.matches(exchange);
    }

    /** Whether requests on a hot route take this chain: null when that depends on more than the route. */
    @Nullable Boolean takes(Route hot) {
        return route == null ? null : route.covers(hot);
    }

    /** The chain's filters, as one. */
    WebFilter filters() {
        return filters.getFirst();
    }

    @Override
    public Flux<WebFilter> getWebFilters() {
        return Flux.fromIterable(filters);
    }

    @Override
    public String toString() {
        return chain.toString();
    }
}
