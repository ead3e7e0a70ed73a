package dev.astraphe.queue.security;

import dev.astraphe.queue.web.AsciiHeaders;
import io.netty.util.AsciiString;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The response headers Spring Security's defaults write (plus our content security policy), written in
 * one pass. The default writers are a reactive chain of seven writers, and each static one first
 * copies the response's header names into a new case-insensitive set to see whether its header is
 * there: six such copies per response were 6% of the cheapest request's CPU. Same headers, same rules:
 * a header the handler set itself is kept, the cache headers only when none of the three is set and
 * the answer is not a 304, HSTS only over https. Names and values are ASCII strings, which the server
 * writes without re-encoding them ({@link AsciiHeaders}).
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

    static final String HSTS = "max-age=31536000 ; includeSubDomains";

    private static final AsciiString CACHE_CONTROL = AsciiString.cached("Cache-Control");
    private static final AsciiString PRAGMA = AsciiString.cached("Pragma");
    private static final AsciiString EXPIRES = AsciiString.cached("Expires");
    private static final AsciiString CONTENT_TYPE_OPTIONS = AsciiString.cached("X-Content-Type-Options");
    private static final AsciiString TRANSPORT_SECURITY = AsciiString.cached("Strict-Transport-Security");
    private static final AsciiString FRAME_OPTIONS = AsciiString.cached("X-Frame-Options");
    private static final AsciiString XSS_PROTECTION = AsciiString.cached("X-XSS-Protection");
    private static final AsciiString CONTENT_SECURITY_POLICY = AsciiString.cached("Content-Security-Policy");
    private static final AsciiString REFERRER_POLICY = AsciiString.cached("Referrer-Policy");

    private static final AsciiString NOT_STORED = AsciiString.cached("no-cache, no-store, max-age=0, must-revalidate");
    private static final AsciiString NO_CACHE = AsciiString.cached("no-cache");
    private static final AsciiString ZERO = AsciiString.cached("0");
    private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");
    private static final AsciiString HSTS_VALUE = AsciiString.cached(HSTS);
    private static final AsciiString DENY = AsciiString.cached("DENY");
    private static final AsciiString NO_REFERRER = AsciiString.cached("no-referrer");

    private final AsciiString contentSecurityPolicy;

    SecurityHeaders(String contentSecurityPolicy) {
        this.contentSecurityPolicy = AsciiString.cached(contentSecurityPolicy);
    }

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        AsciiHeaders headers = AsciiHeaders.of(response);
        if (response.getStatusCode() != HttpStatus.NOT_MODIFIED
                && !headers.contains(CACHE_CONTROL) && !headers.contains(PRAGMA) && !headers.contains(EXPIRES)) {
            headers.set(CACHE_CONTROL, NOT_STORED);
            headers.set(PRAGMA, NO_CACHE);
            headers.set(EXPIRES, ZERO);
        }
        setIfAbsent(headers, CONTENT_TYPE_OPTIONS, NOSNIFF);
        if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            setIfAbsent(headers, TRANSPORT_SECURITY, HSTS_VALUE);
        }
        setIfAbsent(headers, FRAME_OPTIONS, DENY);
        setIfAbsent(headers, XSS_PROTECTION, ZERO);
        setIfAbsent(headers, CONTENT_SECURITY_POLICY, contentSecurityPolicy);
        setIfAbsent(headers, REFERRER_POLICY, NO_REFERRER);
        return Mono.empty();
    }

    private static void setIfAbsent(AsciiHeaders headers, AsciiString name, AsciiString value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
