package dev.astraphe.queue.security;

import java.util.Map;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import reactor.core.publisher.Mono;

/**
 * Spring Security's masked CSRF tokens, looked for in the {@code X-XSRF-TOKEN} header before the form body; in the
 * header, the token as the CSRF cookie holds it is taken too.
 *
 * <p>The cookie's token is what htmx sends ({@code csrf.js}): two tabs opened at the same moment by a browser without
 * the cookie each get a page with a new token, and the second answer's cookie replaces the first's, so the first tab's
 * page token no longer matched and its join was refused (403). Read from the cookie when the request leaves, the
 * token is always the browser's current one. This is Spring's double-submit cookie as its documentation gives it for
 * script-sent requests: another site can neither read the cookie nor set the header.
 *
 * <p>Spring's handler parses the form first and falls back to the header. Every htmx join is a form post (with an
 * empty body) that carries its token in the header, so each join read and decoded a body only to find nothing in
 * it. A request that sends the header is judged by the header alone (a cross-site form cannot set it); one without
 * it is judged by its {@code _csrf} field exactly as before. Tokens are issued, masked and compared by
 * {@link XorServerCsrfTokenRequestAttributeHandler}.
 */
final class HeaderFirstCsrfTokenRequestHandler implements ServerCsrfTokenRequestHandler {

    private final XorServerCsrfTokenRequestAttributeHandler masked = new XorServerCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(ServerWebExchange exchange, Mono<CsrfToken> csrfToken) {
        masked.handle(exchange, csrfToken);
    }

    @Override
    public Mono<String> resolveCsrfTokenValue(ServerWebExchange exchange, CsrfToken csrfToken) {
        String header = exchange.getRequest().getHeaders().getFirst(csrfToken.getHeaderName());
        if (header == null) {
            return masked.resolveCsrfTokenValue(exchange, csrfToken);
        }
        // not a masked token: the token itself, as csrf.js reads it from the cookie (compared as it is)
        return masked.resolveCsrfTokenValue(new HeaderAsForm(exchange, csrfToken.getParameterName(), header), csrfToken)
                .switchIfEmpty(Mono.just(header));
    }

    /**
     * The exchange as the token resolver sees it when the header is there: instead of the form, the header's value
     * where the resolver looks first, so it neither parses the body nor reads (and the firewall validates) the
     * header a second time.
     */
    private static final class HeaderAsForm extends ServerWebExchangeDecorator {

        private final Mono<MultiValueMap<String, String>> form;

        HeaderAsForm(ServerWebExchange exchange, String parameter, String header) {
            super(exchange);
            this.form = Mono.just(MultiValueMap.fromSingleValue(Map.of(parameter, header)));
        }

        @Override
        public Mono<MultiValueMap<String, String>> getFormData() {
            return form;
        }
    }
}
