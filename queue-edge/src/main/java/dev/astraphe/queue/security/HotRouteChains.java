package dev.astraphe.queue.security;

import dev.astraphe.queue.web.Route;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Spring Security's filter chain proxy, with the security chain of a hot route ({@link Route}: ping, poll, join)
 * known in advance. The proxy finds a request's chain by asking each chain in order whether it matches, as a
 * reactive stream ({@code Flux.fromIterable(chains).filterWhen(matches).next()}, then a list of the chain's filters
 * collected and a filter chain built around them): about ten operators per request, and cancelling that stream
 * walked the request's whole subscriber chain for its context, 3% of a join's CPU on its own.
 *
 * <p>A hot route's chain is decided by the route alone when every chain before it is a route chain
 * ({@link SequencedChain#takes}); for those routes this does what the proxy does, in order: the same firewall, the
 * same rejection handling, then that chain's filters and the rest of the application's chain after them (as the
 * proxy's default filter chain decorator does: security observations are off, {@link SecurityConfiguration}).
 * Every other request goes to the proxy itself.
 */
public final class HotRouteChains implements WebFilter {

    private final WebFilter proxy;
    private final Map<Route, WebFilter> byRoute;
    private final ServerWebExchangeFirewall firewall;
    private final ServerExchangeRejectedHandler rejected;

    private HotRouteChains(WebFilter proxy, Map<Route, WebFilter> byRoute, ServerWebExchangeFirewall firewall,
                           ServerExchangeRejectedHandler rejected) {
        this.proxy = proxy;
        this.byRoute = byRoute;
        this.firewall = firewall;
        this.rejected = rejected;
    }

    /**
     * @param proxy    the proxy Spring Security built from {@code chains}
     * @param chains   the security chains, in the order the proxy tries them
     * @param firewall the proxy's firewall
     * @param rejected the proxy's handler for requests the firewall refuses
     */
    public static HotRouteChains of(WebFilterChainProxy proxy, List<SecurityWebFilterChain> chains,
                                    ServerWebExchangeFirewall firewall, ServerExchangeRejectedHandler rejected) {
        Map<Route, WebFilter> byRoute = new EnumMap<>(Route.class);
        for (Route route : Route.values()) {
            for (SecurityWebFilterChain chain : chains) {
                if (!(chain instanceof SequencedChain sequenced) || sequenced.takes(route) == null) {
                    break; // a chain that looks at more than the route: only the proxy can tell
                }
                if (sequenced.takes(route)) {
                    byRoute.put(route, sequenced.filters());
                    break;
                }
            }
        }
        return new HotRouteChains(proxy, byRoute, firewall, rejected);
    }

    /** Whether requests on {@code route} skip the proxy's search for their chain. */
    boolean known(Route route) {
        return byRoute.containsKey(route);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain rest) {
        Route route = Route.of(exchange.getRequest());
        WebFilter filters = route == null ? null : byRoute.get(route);
        if (filters == null) {
            return proxy.filter(exchange, rest);
        }
        return firewall.getFirewalledExchange(exchange)
                .flatMap(firewalled -> filters.filter(firewalled, rest))
                .onErrorResume(ServerExchangeRejectedException.class, e -> rejected.handle(exchange, e).then(Mono.empty()));
    }

    @Override
    public String toString() {
        return "HotRouteChains" + byRoute.keySet();
    }
}
