package dev.astraphe.queue.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.web.Route;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;

/**
 * The hot routes' chains are chosen by method and a look at the path: the same requests Spring's path matchers
 * chose them for (the chains' matchers before), under the base path as queue-edge serves them.
 */
class RouteMatcherTest {

    private static final List<String> PATHS = List.of("/ping", "/ping/", "/pings", "/p/1001/poll", "/p/1001/join",
            "/p/abc/poll", "/p/1001/poll/", "/p//poll", "/p/1/2/poll", "/p/1001", "/p/1001/pollx", "/x/p/1/poll",
            "/p/1001;v=1/join", "/", "/p/1001/joinx", "/p/%31/join");

    @Test
    void choosesWhatThePathMatchersChose() {
        RouteMatcher sessionless = RouteMatcher.of(Route.PING, Route.POLL);
        RouteMatcher joins = RouteMatcher.of(Route.JOIN);
        ServerWebExchangeMatcher sessionlessBefore = ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/ping", "/p/*/poll");
        ServerWebExchangeMatcher joinsBefore = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/p/*/join");
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD, HttpMethod.PUT)) {
            for (String path : PATHS) {
                ServerWebExchange exchange = exchange(method, path);
                assertThat(sessionless.test(exchange)).as("%s %s", method, path).isEqualTo(matches(sessionlessBefore, exchange));
                assertThat(joins.test(exchange)).as("%s %s", method, path).isEqualTo(matches(joinsBefore, exchange));
                assertThat(matches(joins, exchange)).isEqualTo(joins.test(exchange));
            }
        }
    }

    @Test
    void theChainAnswersFromItsRouteMatcher() {
        RouteMatcher joins = RouteMatcher.of(Route.JOIN);
        var chain = SequencedChain.of(joins, new org.springframework.security.web.server.MatcherSecurityWebFilterChain(
                exchange -> { throw new AssertionError("the chain's own matcher is not asked"); },
                List.of((exchange, next) -> next.filter(exchange))));

        assertThat(chain.matches(exchange(HttpMethod.POST, "/p/1001/join")).block()).isTrue();
        assertThat(chain.matches(exchange(HttpMethod.GET, "/p/1001/join")).block()).isFalse();
    }

    private static boolean matches(ServerWebExchangeMatcher matcher, ServerWebExchange exchange) {
        return matcher.matches(exchange).block().isMatch();
    }

    private static ServerWebExchange exchange(HttpMethod method, String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(method, URI.create("/queue" + path)).contextPath("/queue"));
    }
}
