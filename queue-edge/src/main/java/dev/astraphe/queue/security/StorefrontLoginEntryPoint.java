package dev.astraphe.queue.security;

import dev.astraphe.shared.web.AppLinks;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a signed-out shopper to the storefront login with the absolute URL of the queue page to
 * come back to. Spring's {@code RedirectServerAuthenticationEntryPoint} would resolve "/login"
 * against the base path ({@code /queue/login}), which does not exist.
 */
final class StorefrontLoginEntryPoint implements ServerAuthenticationEntryPoint {

    private final AppLinks links;

    StorefrontLoginEntryPoint(AppLinks links) {
        this.links = links;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        return Mono.fromRunnable(() -> {
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(HttpStatus.FOUND);
            response.getHeaders().setLocation(URI.create(links.login(returnUrl(exchange.getRequest()))));
        });
    }

    /** The page as the browser sees it: the public queue origin, the full path (with /queue) and the query. */
    String returnUrl(ServerHttpRequest request) {
        URI queue = URI.create(links.queue());
        String origin = queue.getScheme() + "://" + queue.getRawAuthority();
        String query = request.getURI().getRawQuery();
        return origin + request.getPath().value() + (query == null ? "" : "?" + query);
    }
}
