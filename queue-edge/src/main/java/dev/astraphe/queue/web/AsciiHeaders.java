package dev.astraphe.queue.web;

import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Response headers whose names and values are {@link AsciiString}s, put into Reactor Netty's own header map, which
 * Spring's response headers are a view of. Netty's encoder copies an ASCII string into the socket buffer whole and a
 * Java string one checked byte at a time: that was 4% of a join's CPU (its security headers and ticket cookie among
 * them). Where the response is not Reactor Netty's (a mock response in tests), Spring's headers get the same names
 * and values as strings.
 */
public sealed interface AsciiHeaders {

    /** The headers of this response, which must not be committed yet. */
    static AsciiHeaders of(ServerHttpResponse response) {
        io.netty.handler.codec.http.HttpHeaders netty = nettyHeaders(response);
        return netty != null ? new Netty(netty) : new Spring(response.getHeaders());
    }

    boolean contains(AsciiString name);

    void set(AsciiString name, AsciiString value);

    void add(AsciiString name, AsciiString value);

    private static io.netty.handler.codec.http.@Nullable HttpHeaders nettyHeaders(ServerHttpResponse response) {
        ServerHttpResponse unwrapped = response;
        while (unwrapped instanceof ServerHttpResponseDecorator decorator) {
            unwrapped = decorator.getDelegate();
        }
        if (!(unwrapped instanceof AbstractServerHttpResponse server)) {
            return null;
        }
        try {
            return server.getNativeResponse() instanceof HttpServerResponse netty ? netty.responseHeaders() : null;
        } catch (IllegalStateException e) {
            return null; // a mock response has no native one
        }
    }

    /** Reactor Netty's header map. */
    record Netty(io.netty.handler.codec.http.HttpHeaders headers) implements AsciiHeaders {

        @Override
        public boolean contains(AsciiString name) {
            return headers.contains(name);
        }

        @Override
        public void set(AsciiString name, AsciiString value) {
            headers.set(name, value);
        }

        @Override
        public void add(AsciiString name, AsciiString value) {
            headers.add(name, value);
        }
    }

    /** Spring's headers, for any other response. */
    record Spring(HttpHeaders headers) implements AsciiHeaders {

        @Override
        public boolean contains(AsciiString name) {
            return headers.containsHeader(name.toString());
        }

        @Override
        public void set(AsciiString name, AsciiString value) {
            headers.set(name.toString(), value.toString());
        }

        @Override
        public void add(AsciiString name, AsciiString value) {
            headers.add(name.toString(), value.toString());
        }
    }
}
