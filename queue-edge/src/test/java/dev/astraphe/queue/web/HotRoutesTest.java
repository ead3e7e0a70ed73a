package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.web.HotRoutes.HotRouteFilter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.ServerResponseResultHandler;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** The hot routes are answered by their handlers without going on to the dispatcher; everything else goes on. */
class HotRoutesTest {

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final WebFilterChain dispatcher = exchange -> Mono.fromRunnable(() -> ran.add("dispatcher"));
    private final HotRouteFilter filter = filter(
            new HotRoutes.Handler(Route.PING, request -> ServerResponse.ok().bodyValue("pong")),
            new HotRoutes.Handler(Route.POLL, request -> {
                ran.add("poll " + request.pathVariable("productId"));
                return ServerResponse.status(HttpStatus.ACCEPTED).bodyValue("polled");
            }));

    @Test
    void aHotRouteIsAnsweredByItsHandlerAndTheDispatcherIsNotAsked() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/p/1001/poll"));

        filter.filter(exchange, dispatcher).block();

        assertThat(ran).containsExactly("poll 1001");
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("polled");
    }

    @Test
    void theProductIdIsTheSegmentAsThePathPatternCapturesIt() {
        filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/p/1002;v=1/poll")), dispatcher).block();
        filter.filter(MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create("/p/10%303/poll"))), dispatcher).block();

        assertThat(ran).containsExactly("poll 1002", "poll 1003");
    }

    @Test
    void anythingElseGoesOnToTheDispatcher() {
        for (MockServerHttpRequest request : List.of(
                MockServerHttpRequest.post("/ping").build(),          // not the method of the route
                MockServerHttpRequest.head("/p/1001/poll").build(),
                MockServerHttpRequest.get("/p/1001/poll/").build(),   // not the path
                MockServerHttpRequest.get("/p//poll").build(),
                MockServerHttpRequest.get("/p/1/2/poll").build(),
                MockServerHttpRequest.post("/p/1001/join").build())) { // a route without a handler here
            filter.filter(MockServerWebExchange.from(request), dispatcher).block();
        }

        assertThat(ran).hasSize(6).containsOnly("dispatcher");
    }

    private static HotRouteFilter filter(HotRoutes.Handler... handlers) {
        ServerCodecConfigurer codecs = ServerCodecConfigurer.create();
        ServerResponseResultHandler results = new ServerResponseResultHandler();
        results.setMessageWriters(codecs.getWriters());
        results.setViewResolvers(List.of());
        return new HotRouteFilter(List.of(handlers), codecs.getReaders(), results);
    }
}
