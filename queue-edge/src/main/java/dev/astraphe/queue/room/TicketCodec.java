package dev.astraphe.queue.room;

import dev.astraphe.queue.web.AsciiHeaders;
import dev.astraphe.queue.web.CookieProperties;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

/**
 * Signs and verifies tickets: {@code base64url(productId|userId|sequence|issuedAt[|aheadAtIssue]) "."
 * base64url(HMAC-SHA256)}; the last field is left out when 0, and tickets without it are read as before.
 * A poll verifies one HMAC (about a microsecond) instead of loading a session.
 */
@Component
class TicketCodec {

    /** The ticket's cookie goes to the waiting room only. */
    private static final String PATH = "/queue";
    private static final Duration MAX_AGE = Duration.ofDays(2);
    /** A ticket older than this is issued again (same place) when its holder polls, well before it expires. */
    static final Duration RENEW_AFTER = Duration.ofDays(1);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private static final AsciiString SET_COOKIE = HttpHeaderNames.SET_COOKIE;
    private static final byte[] MAX_AGE_ATTRIBUTE = ("; Max-Age=" + MAX_AGE.toSeconds() + "; Expires=").getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    /** What follows the Expires date. */
    private final byte[] attributes;
    private volatile @Nullable ExpiresText lastExpires;

    TicketCodec(TicketProperties properties, CookieProperties cookies) {
        this.key = new SecretKeySpec(secret(properties), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.attributes = ("; Path=" + PATH + "; " + (cookies.secure() ? "Secure; " : "") + "HTTPOnly; SameSite=Lax")
                .getBytes(StandardCharsets.US_ASCII);
    }

    String encode(Ticket t) {
        byte[] bytes = payload(t);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(sign(bytes));
    }

    private static byte[] payload(Ticket t) {
        String text = t.productId() + "|" + t.userId() + "|" + t.sequence() + "|" + t.issuedAtMillis();
        return (t.aheadAtIssue() > 0 ? text + "|" + t.aheadAtIssue() : text).getBytes(StandardCharsets.US_ASCII);
    }

    /** The ticket for this product if the value is well-formed, correctly signed and not too old. */
    Optional<Ticket> decode(String value, long productId, long nowMillis) {
        if (value == null || value.length() > 200) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = B64D.decode(value.substring(0, dot));
            byte[] signature = B64D.decode(value.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.US_ASCII).split("\\|");
            if (parts.length != 4 && parts.length != 5) {
                return Optional.empty();
            }
            Ticket t = new Ticket(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]), parts.length == 5 ? Math.max(0, Long.parseLong(parts[4])) : 0);
            boolean fresh = nowMillis - t.issuedAtMillis() < MAX_AGE.toMillis();
            return t.productId() == productId && fresh ? Optional.of(t) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Optional<Ticket> read(ServerHttpRequest request, long productId, long nowMillis) {
        HttpCookie cookie = request.getCookies().getFirst(Ticket.cookieName(productId));
        return cookie == null ? Optional.empty() : decode(cookie.getValue(), productId, nowMillis);
    }

    /**
     * Sets the ticket's cookie ({@code Path=/queue}, HttpOnly, SameSite=Lax, two days, Secure where configured): the
     * header value Netty would encode from the same {@link ResponseCookie}, written as bytes (see
     * {@link AsciiHeaders}). Spring's cookie went through a cookie builder, Netty's cookie, its encoder's checks of
     * every character, a date formatted per cookie and a string copied into the response byte by byte.
     */
    void setCookie(ServerHttpResponse response, Ticket t) {
        byte[] name = Ticket.cookieName(t.productId()).getBytes(StandardCharsets.US_ASCII);
        byte[] payload = payload(t);
        byte[] value = B64.encode(payload);
        byte[] signature = B64.encode(sign(payload));
        byte[] expires = expires(t.issuedAtMillis() + MAX_AGE.toMillis());
        byte[] header = new byte[name.length + 1 + value.length + 1 + signature.length + MAX_AGE_ATTRIBUTE.length
                + expires.length + attributes.length];
        int at = put(header, 0, name);
        header[at++] = '=';
        at = put(header, at, value);
        header[at++] = '.';
        at = put(header, at, signature);
        at = put(header, at, MAX_AGE_ATTRIBUTE);
        at = put(header, at, expires);
        put(header, at, attributes);
        AsciiHeaders.of(response).add(SET_COOKIE, new AsciiString(header, false));
    }

    /** The ticket's cookie removed (same name and path, expired): a ticket the line has passed can only mislead. */
    static ResponseCookie removal(long productId) {
        return ResponseCookie.from(Ticket.cookieName(productId), "").path(PATH).maxAge(0).build();
    }

    private static int put(byte[] target, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, target, at, bytes.length);
        return at + bytes.length;
    }

    /** The cookie's Expires date as Netty writes it, formatted once a second. */
    private byte[] expires(long millis) {
        long second = Math.floorDiv(millis, 1000);
        ExpiresText last = lastExpires;
        if (last == null || last.second() != second) {
            last = new ExpiresText(second, DateFormatter.format(new Date(second * 1000)).getBytes(StandardCharsets.US_ASCII));
            lastExpires = last;
        }
        return last.text();
    }

    private record ExpiresText(long second, byte[] text) {
    }

    private byte[] sign(byte[] payload) {
        Mac mac = macs.get();
        return mac.doFinal(payload);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] secret(TicketProperties p) {
        String encoded = p.secret();
        if ((encoded == null || encoded.isBlank()) && p.secretFile() != null && !p.secretFile().isBlank()) {
            try {
                encoded = Files.readString(Path.of(p.secretFile())).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("ticket secret file " + p.secretFile() + " unreadable", e);
            }
        }
        if (encoded == null || encoded.isBlank()) {
            // a secret made up at start would void every ticket at the next restart: each shopper's "join again"
            // would send them to the back of the line, which would be reordered by who clicks first
            throw new IllegalStateException("Set astraphe.ticket.secret-file (ASTRAPHE_TICKET_SECRET_FILE) or"
                    + " astraphe.ticket.secret: the tickets' HMAC secret, base64url, at least 32 bytes, the same on every"
                    + " queue-edge instance and kept across restarts (a ticket is a shopper's place in the line)");
        }
        byte[] bytes = Base64.getUrlDecoder().decode(encoded.replace('+', '-').replace('/', '_').replace("=", ""));
        if (bytes.length < 32) {
            throw new IllegalStateException("astraphe.ticket secret must be at least 32 bytes");
        }
        return bytes;
    }
}
