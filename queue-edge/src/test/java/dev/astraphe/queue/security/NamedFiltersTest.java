package dev.astraphe.queue.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class NamedFiltersTest {

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/ping"));
    private final WebFilterChain rest = e -> Mono.fromRunnable(() -> ran.add("rest"));

    @Test
    void theProxySeesOneFilterThatRunsEveryFilterInOrderAndThenTheRest() {
        var chain = NamedFilters.of(chain(passing("a"), passing("b"), passing("c")));

        List<WebFilter> seen = chain.getWebFilters().collectList().block();
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst()).hasToString("SecurityFilters[Passing, Passing, Passing]");

        seen.getFirst().filter(exchange, rest).block();
        assertThat(ran).containsExactly("a", "b", "c", "rest");
    }

    @Test
    void aFilterThatAnswersItselfStopsTheRest() {
        WebFilter refusing = (e, next) -> Mono.fromRunnable(() -> ran.add("refused"));
        var chain = NamedFilters.of(chain(passing("a"), refusing, passing("c")));

        chain.getWebFilters().blockFirst().filter(exchange, rest).block();
        assertThat(ran).containsExactly("a", "refused");
    }

    @Test
    void nothingRunsBeforeTheAnswerIsSubscribedTo() {
        var chain = NamedFilters.of(chain(passing("a"), passing("b")));

        Mono<Void> answer = chain.getWebFilters().blockFirst().filter(exchange, rest);
        assertThat(ran).isEmpty();
        answer.block();
        answer.block();
        assertThat(ran).containsExactly("a", "b", "rest", "a", "b", "rest");
    }

    private static MatcherSecurityWebFilterChain chain(WebFilter... filters) {
        return new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(), List.of(filters));
    }

    private WebFilter passing(String name) {
        return new Passing(name, ran);
    }

    private record Passing(String name, List<String> ran) implements WebFilter {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
            ran.add(name);
            return next.filter(exchange);
        }
    }
}
