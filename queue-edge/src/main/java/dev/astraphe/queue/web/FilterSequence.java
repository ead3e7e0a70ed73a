package dev.astraphe.queue.web;

import java.util.List;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Several web filters run as one: each request passes through them in their order, then on to the rest of the chain.
 *
 * <p>Spring's filter chain marks every filter it runs with {@code checkpoint(filter.toString())}, on every request:
 * an assembly marker, its snapshot and an extra subscriber in every signal's path, per filter, and a new "class@hash"
 * string where the filter keeps Object's {@code toString}. A waiting-room request passes three application filters
 * and five to seven security filters, and those checkpoints cost more than several of the filters. Given to Spring's
 * chain as one filter, they keep the one checkpoint it puts on the sequence, which names them all. Each filter is
 * called when the one before it subscribes to what follows ({@code Mono.defer}), as in Spring's chain; what the
 * filters do, and in which order, is untouched.
 */
public final class FilterSequence implements WebFilter {

    private final WebFilter[] filters;
    private final String name;

    private FilterSequence(List<WebFilter> filters, String label) {
        this.filters = filters.toArray(WebFilter[]::new);
        StringBuilder name = new StringBuilder(label).append('[');
        for (int i = 0; i < this.filters.length; i++) {
            name.append(i == 0 ? "" : ", ").append(this.filters[i].getClass().getSimpleName());
        }
        this.name = name.append(']').toString();
    }

    /** The filters as one, named {@code label[Filter, ...]} (each filter by its class). */
    public static FilterSequence of(List<WebFilter> filters, String label) {
        return new FilterSequence(filters, label);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain rest) {
        return new Step(filters, 0, rest).filter(exchange);
    }

    @Override
    public String toString() {
        return name;
    }

    /** What the filter at {@code index} calls next: the following filter, or past the last one the rest of the chain. */
    private record Step(WebFilter[] filters, int index, WebFilterChain rest) implements WebFilterChain {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            return Mono.defer(() -> index < filters.length
                    ? filters[index].filter(exchange, new Step(filters, index + 1, rest))
                    : rest.filter(exchange));
        }
    }
}
