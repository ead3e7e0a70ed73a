package dev.astraphe.queue.room;

import dev.astraphe.queue.web.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Polls must never read the session from Redis, yet Thymeleaf's reactive view resolves
 * {@code exchange.getSession()} to offer {@code #session} to templates. For poll requests the
 * exchange answers with an empty, never-saved session instead, before security or rendering can ask.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SessionlessPollFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (Route.of(exchange.getRequest()) != Route.POLL) {
            return chain.filter(exchange);
        }
        return chain.filter(new ServerWebExchangeDecorator(exchange) {
            @Override
            public Mono<WebSession> getSession() {
                return Mono.just(NoSession.INSTANCE);
            }
        });
    }

    /** Spring's filter chain asks every filter for its name on every request. */
    @Override
    public String toString() {
        return "SessionlessPollFilter";
    }

    /** A session that holds nothing and is never stored. */
    private enum NoSession implements WebSession {
        INSTANCE;

        @Override public String getId() { return ""; }
        @Override public Map<String, Object> getAttributes() { return Map.of(); }
        @Override public void start() { }
        @Override public boolean isStarted() { return false; }
        @Override public Mono<Void> changeSessionId() { return Mono.empty(); }
        @Override public Mono<Void> invalidate() { return Mono.empty(); }
        @Override public Mono<Void> save() { return Mono.empty(); }
        @Override public boolean isExpired() { return false; }
        @Override public Instant getCreationTime() { return Instant.EPOCH; }
        @Override public Instant getLastAccessTime() { return Instant.EPOCH; }
        @Override public void setMaxIdleTime(Duration maxIdleTime) { }
        @Override public Duration getMaxIdleTime() { return Duration.ZERO; }
    }
}
