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
 * Spring Security's masked CSRF tokens, looked for in the {@code X-XSRF-TOKEN} header before the form body.
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
        return masked.resolveCsrfTokenValue(new HeaderAsForm(exchange, csrfToken.getParameterName(), header), csrfToken);
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
