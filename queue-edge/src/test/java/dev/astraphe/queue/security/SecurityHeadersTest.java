package dev.astraphe.queue.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The one-pass writer keeps the default writers' rules: what the handler set stays, cache headers as a trio. */
class SecurityHeadersTest {

    private final SecurityHeaders writer = new SecurityHeaders("default-src 'self'");

    @Test
    void writesTheDefaultHeadersAndThePolicy() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost/queue/ping"));

        writer.writeHttpHeaders(exchange).block();

        HttpHeaders headers = exchange.getResponse().getHeaders();
        assertThat(headers.getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(headers.getFirst(HttpHeaders.PRAGMA)).isEqualTo("no-cache");
        assertThat(headers.getFirst(HttpHeaders.EXPIRES)).isEqualTo("0");
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("X-XSS-Protection")).isEqualTo("0");
        assertThat(headers.getFirst("Content-Security-Policy")).isEqualTo("default-src 'self'");
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(headers.containsHeader("Strict-Transport-Security")).isFalse();
    }

    @Test
    void keepsWhatTheHandlerSet() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost/queue/css/room.css"));
        exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, "max-age=3600");
        exchange.getResponse().getHeaders().set("x-frame-options", "SAMEORIGIN");

        writer.writeHttpHeaders(exchange).block();

        HttpHeaders headers = exchange.getResponse().getHeaders();
        assertThat(headers.get(HttpHeaders.CACHE_CONTROL)).containsExactly("max-age=3600");
        assertThat(headers.containsHeader(HttpHeaders.PRAGMA)).isFalse();
        assertThat(headers.containsHeader(HttpHeaders.EXPIRES)).isFalse();
        assertThat(headers.get("X-Frame-Options")).containsExactly("SAMEORIGIN");
    }

    @Test
    void noCacheHeadersOnANotModifiedAnswer() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost/queue/js/htmx.min.js"));
        exchange.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED);

        writer.writeHttpHeaders(exchange).block();

        assertThat(exchange.getResponse().getHeaders().containsHeader(HttpHeaders.CACHE_CONTROL)).isFalse();
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void strictTransportSecurityOnlyOverHttps() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("https://queue.example/queue/ping"));

        writer.writeHttpHeaders(exchange).block();

        assertThat(exchange.getResponse().getHeaders().getFirst("Strict-Transport-Security")).isEqualTo(SecurityHeaders.HSTS);
    }
}
