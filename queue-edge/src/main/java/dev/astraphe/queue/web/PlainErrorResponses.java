package dev.astraphe.queue.web;

import dev.astraphe.shared.web.PlainErrorPage;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import reactor.core.publisher.Mono;

/**
 * The answers given before the application runs, as a page ({@link PlainErrorPage}) instead of an empty body that a
 * browser words itself ("this page isn't working"): an address outside the waiting room ({@link BasePathHandler}),
 * and one Spring Security's firewall refuses to read ({@code /queue/%2F}, {@code /queue/%2e%2e/}), which every chain,
 * the hot routes' included, hands to the handler declared here. The firewall's cost on the hot routes is unchanged.
 */
@Configuration(proxyBeanMethods = false)
class PlainErrorResponses {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    @Bean
    ServerExchangeRejectedHandler plainRejection() {
        // inside the base path, which is the request's context path here (BasePathHandler)
        return (exchange, rejected) -> write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                exchange.getRequest().getPath().contextPath().value() + "/");
    }

    static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String home) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(HTML);
        byte[] page = PlainErrorPage.html(status.value(), home).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(page)));
    }
}
