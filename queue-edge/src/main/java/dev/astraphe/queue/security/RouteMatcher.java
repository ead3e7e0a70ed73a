package dev.astraphe.queue.security;

import dev.astraphe.queue.web.Route;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A security chain's matcher for hot routes ({@link Route}): the method and a look at the path, no pattern
 * matching, answered with one of two constant publishers. Spring's path matchers built a path container and a
 * chain of operators per chain tried, on every request; a join tried two chains before its own.
 * {@link SequencedChain} asks {@link #test} directly, so the filter chain proxy takes the answer without
 * subscribing to anything.
 */
final class RouteMatcher implements ServerWebExchangeMatcher {

    private static final Mono<MatchResult> MATCH = MatchResult.match();
    private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

    private final Set<Route> routes;

    private RouteMatcher(Set<Route> routes) {
        this.routes = routes;
    }

    static RouteMatcher of(Route first, Route... rest) {
        return new RouteMatcher(EnumSet.of(first, rest));
    }

    boolean test(ServerWebExchange exchange) {
        Route route = Route.of(exchange.getRequest());
        return route != null && routes.contains(route);
    }

    /** Whether a request on {@code route} matches. */
    boolean covers(Route route) {
        return routes.contains(route);
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return test(exchange) ? MATCH : NO_MATCH;
    }

    @Override
    public String toString() {
        return "RouteMatcher" + routes;
    }
}
