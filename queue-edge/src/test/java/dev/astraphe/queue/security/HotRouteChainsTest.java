package dev.astraphe.queue.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.WaitingRoomContext;
import dev.astraphe.queue.web.Route;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.HttpStatusExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A hot route's security chain, found by its route, is the chain Spring Security's proxy finds, behind the same
 * firewall; everything else is the proxy's to decide.
 */
class HotRouteChainsTest {

    private static final List<String> PATHS = List.of("/ping", "/p/1001/poll", "/p/1001/join", "/p/1001", "/ping/",
            "/login", "/p/1001/poll/", "/p/1;v=1/join");

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final WebFilterChain rest = exchange -> Mono.fromRunnable(() -> ran.add("rest"));

    private final List<SecurityWebFilterChain> chains = List.of(
            SequencedChain.of(RouteMatcher.of(Route.PING, Route.POLL), chain("sessionless")),
            SequencedChain.of(RouteMatcher.of(Route.JOIN), chain("joins")),
            SequencedChain.of(new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(), List.of(recording("main")))));

    @Test
    void aHotRouteTakesTheChainTheProxyWouldTakeAndTheProxyIsNotAsked() {
        HotRouteChains routed = HotRouteChains.of(proxy("proxy"), chains, new StrictServerWebExchangeFirewall(),
                new HttpStatusExchangeRejectedHandler());
        WebFilterChainProxy plain = new WebFilterChainProxy(chains);
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD)) {
            for (String path : PATHS) {
                ran.clear();
                plain.filter(exchange(method, path), rest).block();
                List<String> byProxy = List.copyOf(ran);
                ran.clear();
                routed.filter(exchange(method, path), rest).block();

                Route route = Route.of(exchange(method, path).getRequest());
                if (route == null) {
                    assertThat(ran).as("%s %s", method, path).containsExactly("proxy");
                } else {
                    assertThat(ran).as("%s %s", method, path).isEqualTo(byProxy).doesNotContain("proxy");
                }
            }
        }
        assertThat(routed.known(Route.JOIN)).isTrue();
    }

    @Test
    void aRequestTheFirewallRefusesIsRefusedAsTheProxyRefusesIt() {
        HotRouteChains routed = HotRouteChains.of(proxy("proxy"), chains, new StrictServerWebExchangeFirewall(),
                new HttpStatusExchangeRejectedHandler());
        // the strict firewall refuses an encoded slash in the path
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.method(HttpMethod.POST, URI.create("/queue/p/1%2F2/join")).contextPath("/queue"));
        MockServerWebExchange byProxy = MockServerWebExchange.from(
                MockServerHttpRequest.method(HttpMethod.POST, URI.create("/queue/p/1%2F2/join")).contextPath("/queue"));
        assertThat(Route.of(exchange.getRequest())).isEqualTo(Route.JOIN);

        routed.filter(exchange, rest).block();
        new WebFilterChainProxy(chains).filter(byProxy, rest).block();

        assertThat(ran).isEmpty();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST)
                .isEqualTo(byProxy.getResponse().getStatusCode());
    }

    @Test
    void theFirewalledExchangeIsWhatTheChainSees() {
        List<ServerWebExchange> seen = new CopyOnWriteArrayList<>();
        ServerWebExchangeFirewall firewall = exchange -> Mono.just(exchange.mutate().request(r -> r.header("X-Firewalled", "yes")).build());
        List<SecurityWebFilterChain> seeing = List.of(SequencedChain.of(RouteMatcher.of(Route.PING),
                new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(), List.of((exchange, next) -> {
                    seen.add(exchange);
                    return next.filter(exchange);
                }))));

        HotRouteChains.of(proxy("proxy"), seeing, firewall, new HttpStatusExchangeRejectedHandler())
                .filter(exchange(HttpMethod.GET, "/ping"), rest).block();

        assertThat(seen).singleElement().satisfies(e -> assertThat(e.getRequest().getHeaders().getFirst("X-Firewalled")).isEqualTo("yes"));
        assertThat(ran).containsExactly("rest");
    }

    @Test
    void aRouteBehindAChainThatLooksAtMoreThanTheRouteIsLeftToTheProxy() {
        List<SecurityWebFilterChain> mixed = List.of(
                SequencedChain.of(RouteMatcher.of(Route.PING), chain("ping")),
                SequencedChain.of(new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.pathMatchers("/p/**"), List.of(recording("products")))),
                SequencedChain.of(RouteMatcher.of(Route.JOIN), chain("joins")));

        HotRouteChains routed = HotRouteChains.of(proxy("proxy"), mixed, new StrictServerWebExchangeFirewall(),
                new HttpStatusExchangeRejectedHandler());

        assertThat(routed.known(Route.PING)).isTrue();
        assertThat(routed.known(Route.JOIN)).isFalse();
        assertThat(routed.known(Route.POLL)).isFalse();
        routed.filter(exchange(HttpMethod.POST, "/p/1001/join"), rest).block();
        assertThat(ran).containsExactly("proxy");
    }

    /** queue-edge's own chains, in the order its proxy tries them, decide every hot route by the route. */
    @Nested
    @WaitingRoomContext
    class InTheApplication {

        @Autowired WebFilterChainProxy proxy;
        @Autowired List<SecurityWebFilterChain> securityChains;
        @Autowired ServerWebExchangeFirewall firewall;

        @Test
        void everyHotRouteIsKnown() {
            HotRouteChains routed = HotRouteChains.of(proxy, securityChains, firewall, new HttpStatusExchangeRejectedHandler());

            assertThat(Route.values()).allMatch(routed::known);
        }
    }

    private MatcherSecurityWebFilterChain chain(String name) {
        return new MatcherSecurityWebFilterChain(exchange -> {
            throw new AssertionError("a route chain's own matcher is not asked");
        }, List.of(recording(name)));
    }

    private WebFilter recording(String name) {
        return (exchange, next) -> {
            ran.add(name);
            return next.filter(exchange);
        };
    }

    private WebFilterChainProxy proxy(String name) {
        return new WebFilterChainProxy(List.of()) {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
                ran.add(name);
                return Mono.empty();
            }
        };
    }

    private static ServerWebExchange exchange(HttpMethod method, String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(method, URI.create("/queue" + path)).contextPath("/queue"));
    }
}
