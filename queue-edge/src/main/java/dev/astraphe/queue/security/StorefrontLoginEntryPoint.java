package dev.astraphe.queue.security;

import dev.astraphe.shared.web.AppLinks;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a signed-out shopper to the storefront login with the absolute URL of the queue page to
 * come back to. Spring's {@code RedirectServerAuthenticationEntryPoint} would resolve "/login"
 * against the base path ({@code /queue/login}), which does not exist.
 *
 * <p>Only a page can be come back to: a signed-out join (a POST, from the page's script, a retry, or the form
 * without script) comes back to its product's waiting room page, which joins by itself. An htmx request is answered
 * 401 with {@code HX-Redirect}, which htmx follows as a page load; a 302 would be followed inside the XHR, and the
 * login page swapped into the waiting room's status (or refused by CORS across origins and retried for good).
 */
final class StorefrontLoginEntryPoint implements ServerAuthenticationEntryPoint {

    private static final Pattern JOIN = Pattern.compile("(.*/p/\\d{1,19})/join");

    /**
     * The addresses inside the base path with something behind them for a signed-in shopper: the landing page, who
     * they are, a product's waiting room and its join. Any other address is not found, signed in or not: logging in
     * would not make it exist (a test holds this against every mapping).
     */
    static final Pattern PAGES = Pattern.compile("/|/me|/p/\\d{1,19}(/join)?");

    private final AppLinks links;

    StorefrontLoginEntryPoint(AppLinks links) {
        this.links = links;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        if (!PAGES.matcher(exchange.getRequest().getPath().pathWithinApplication().value()).matches()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)); // the styled page, as for anyone
        }
        return Mono.fromRunnable(() -> {
            ServerHttpResponse response = exchange.getResponse();
            String login = links.login(returnUrl(exchange.getRequest()));
            if (exchange.getRequest().getHeaders().getFirst("HX-Request") != null) {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
                response.getHeaders().set("HX-Redirect", login);
            } else {
                response.setStatusCode(HttpStatus.FOUND);
                response.getHeaders().setLocation(URI.create(login));
            }
        });
    }

    /**
     * The page as the browser sees it: the public queue origin, the full path (with /queue) and the query; for a
     * request that is not a page load (a join), the page it was sent from.
     */
    String returnUrl(ServerHttpRequest request) {
        URI queue = URI.create(links.queue());
        String origin = queue.getScheme() + "://" + queue.getRawAuthority();
        String path = request.getPath().value();
        if (!HttpMethod.GET.equals(request.getMethod())) {
            Matcher join = JOIN.matcher(path);
            return join.matches() ? origin + join.group(1) : links.queue();
        }
        String query = request.getURI().getRawQuery();
        return origin + path + (query == null ? "" : "?" + query);
    }
}
