package dev.astraphe.queue.security;

import java.util.List;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A security chain whose filters run as one: the filter chain proxy sees a single filter ({@link Sequence}) that
 * passes each request through the chain's filters in their order, then on to the rest of the application.
 *
 * <p>Spring's filter chain marks every filter it runs with {@code checkpoint(filter.toString())}, on every request:
 * an assembly marker, its snapshot and an extra subscriber in every signal's path, per filter, and a new "class@hash"
 * string where the filter keeps Object's {@code toString}. For the waiting room's hot requests (a ping, a poll, a
 * join: five to seven security filters each) that cost more than several of the filters. The sequence keeps the one
 * checkpoint the proxy's chain puts on it, naming the chain and its filters, and subscribes to each filter lazily as
 * Spring's chain does ({@code Mono.defer}); what the filters do, and in which order, is untouched.
 */
final class NamedFilters implements SecurityWebFilterChain {

    private final SecurityWebFilterChain chain;
    private final List<WebFilter> filters;

    private NamedFilters(SecurityWebFilterChain chain) {
        this.chain = chain;
        List<WebFilter> own = chain.getWebFilters().collectList().block();
        this.filters = List.of(new Sequence(own.toArray(WebFilter[]::new), name(own)));
    }

    static SecurityWebFilterChain of(SecurityWebFilterChain chain) {
        return new NamedFilters(chain);
    }

    @Override
    public Mono<Boolean> matches(ServerWebExchange exchange) {
        return chain.matches(exchange);
    }

    @Override
    public Flux<WebFilter> getWebFilters() {
        return Flux.fromIterable(filters);
    }

    @Override
    public String toString() {
        return chain.toString();
    }

    private static String name(List<WebFilter> filters) {
        StringBuilder name = new StringBuilder("SecurityFilters[");
        for (int i = 0; i < filters.size(); i++) {
            name.append(i == 0 ? "" : ", ").append(filters.get(i).getClass().getSimpleName());
        }
        return name.append(']').toString();
    }

    /** The chain's filters as one filter, named once. */
    private record Sequence(WebFilter[] filters, String name) implements WebFilter {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain rest) {
            return new Step(filters, 0, rest).filter(exchange);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What the filter at {@code index} calls next: the following filter, or past the last one the rest of the application. */
    private record Step(WebFilter[] filters, int index, WebFilterChain rest) implements WebFilterChain {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            return Mono.defer(() -> index < filters.length
                    ? filters[index].filter(exchange, new Step(filters, index + 1, rest))
                    : rest.filter(exchange));
        }
    }
}
