package dev.astraphe.queue.security;

import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The reactive CSRF token is a lazy {@code Mono}: nothing renders it unless someone subscribes.
 * Subscribing here puts it in the model as {@code _csrf} (for the htmx meta tags) and hands it to
 * Thymeleaf's form processor (hidden field in {@code th:action} forms). Only page controllers get
 * it: /ping is a router function and never loads the session.
 */
@ControllerAdvice
class CsrfTokenAdvice {

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        if (token == null) {
            return Mono.empty();
        }
        return token.doOnSuccess(t -> exchange.getAttributes().put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, t));
    }
}
