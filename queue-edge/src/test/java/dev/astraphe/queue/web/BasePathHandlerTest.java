package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

class BasePathHandlerTest {

    private final AtomicReference<ServerHttpRequest> seen = new AtomicReference<>();
    private final HttpHandler app = (request, response) -> {
        seen.set(request);
        return response.setComplete();
    };
    private final BasePathHandler handler = new BasePathHandler("/queue", app);

    @Test
    void theApplicationSeesTheBasePathAsItsContextPath() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/queue/p/42/join?x=1")
                .header("HX-Request", "true").cookie(new org.springframework.http.HttpCookie("SESSION", "abc")).build();

        handler.handle(request, new MockServerHttpResponse()).block();

        ServerHttpRequest inner = seen.get();
        assertThat(inner.getPath().contextPath().value()).isEqualTo("/queue");
        assertThat(inner.getPath().pathWithinApplication().value()).isEqualTo("/p/42/join");
        assertThat(inner.getPath().value()).isEqualTo("/queue/p/42/join");
        assertThat(inner.getURI().getQuery()).isEqualTo("x=1");
        assertThat(inner.getHeaders().getFirst("HX-Request")).isEqualTo("true");
        assertThat(inner.getCookies().getFirst("SESSION").getValue()).isEqualTo("abc");
        // mutating further (as filters do) still starts from the base path
        assertThat(inner.mutate().header("X-Test", "1").build().getPath().contextPath().value()).isEqualTo("/queue");
    }

    @Test
    void theBasePathWithoutItsSlashLeadsToTheLandingPage() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        handler.handle(MockServerHttpRequest.get("/queue?lang=en").build(), response).block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(response.getHeaders().getLocation()).hasToString("/queue/?lang=en");
        assertThat(seen.get()).isNull();

        // another method is the application's to answer (it has nothing there)
        handler.handle(MockServerHttpRequest.post("/queue").build(), new MockServerHttpResponse()).block();
        assertThat(seen.get().getPath().contextPath().value()).isEqualTo("/queue");
        assertThat(seen.get().getPath().pathWithinApplication().value()).isEmpty();
    }

    @Test
    void pathsOutsideTheBasePathAreNotFound() {
        for (String path : new String[] {"/ping", "/queuex/ping", "/other/queue/ping", "/index.html"}) {
            MockServerHttpResponse response = new MockServerHttpResponse();
            handler.handle(MockServerHttpRequest.get(path).build(), response).block();
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            // a page leading to the waiting room, not an empty body the browser words itself
            assertThat(response.getHeaders().getContentType()).as(path).hasToString("text/html;charset=UTF-8");
            assertThat(response.getBodyAsString().block()).as(path)
                    .contains("Astraphe", "페이지를 찾을 수 없습니다", "href=\"/queue/\"");
        }
        assertThat(seen.get()).isNull();
    }

    @Test
    void theServersRootLeadsToTheBasePath() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        handler.handle(MockServerHttpRequest.get("/").build(), response).block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(response.getHeaders().getLocation()).hasToString("/queue/");
        assertThat(seen.get()).isNull();
    }

    @Test
    void aMalformedBasePathIsRefused() {
        assertThatThrownBy(() -> new BasePathHandler("queue", app)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BasePathHandler("/queue/", (request, response) -> Mono.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
