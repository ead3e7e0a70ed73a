package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class FilterSequenceTest {

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/ping"));
    private final WebFilterChain rest = e -> Mono.fromRunnable(() -> ran.add("rest"));

    @Test
    void runsEveryFilterInOrderAndThenTheRest() {
        FilterSequence sequence = FilterSequence.of(List.of(passing("a"), passing("b"), passing("c")), "Test");

        sequence.filter(exchange, rest).block();

        assertThat(ran).containsExactly("a", "b", "c", "rest");
        assertThat(sequence).hasToString("Test[Passing, Passing, Passing]");
    }

    @Test
    void aFilterThatAnswersItselfStopsTheRest() {
        WebFilter refusing = (e, next) -> Mono.fromRunnable(() -> ran.add("refused"));

        FilterSequence.of(List.of(passing("a"), refusing, passing("c")), "Test").filter(exchange, rest).block();

        assertThat(ran).containsExactly("a", "refused");
    }

    @Test
    void eachFilterIsCalledWhenSubscribedToAsInSpringsChain() {
        Mono<Void> answer = FilterSequence.of(List.of(passing("a"), passing("b")), "Test").filter(exchange, rest);
        assertThat(ran).isEmpty();

        answer.block();
        answer.block();

        assertThat(ran).containsExactly("a", "b", "rest", "a", "b", "rest");
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
