package dev.astraphe.queue.room;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Signs and verifies tickets: {@code base64url(productId|userId|sequence|issuedAt) "." base64url(HMAC-SHA256)}.
 * A poll verifies one HMAC (about a microsecond) instead of loading a session.
 */
@Component
class TicketCodec {

    private static final Logger log = LoggerFactory.getLogger(TicketCodec.class);
    private static final Duration MAX_AGE = Duration.ofDays(2);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final boolean secure;

    TicketCodec(TicketProperties properties, CookieProperties cookies) {
        this.key = new SecretKeySpec(secret(properties), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.secure = cookies.secure();
    }

    String encode(Ticket t) {
        String payload = t.productId() + "|" + t.userId() + "|" + t.sequence() + "|" + t.issuedAtMillis();
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(sign(bytes));
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
            if (parts.length != 4) {
                return Optional.empty();
            }
            Ticket t = new Ticket(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
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

    ResponseCookie cookie(Ticket t) {
        return ResponseCookie.from(Ticket.cookieName(t.productId()), encode(t))
                .path("/queue").httpOnly(true).sameSite("Lax").secure(secure).maxAge(MAX_AGE).build();
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
            log.warn("No astraphe.ticket.secret(-file): tickets use a random per-process secret (single instance only)");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] bytes = Base64.getUrlDecoder().decode(encoded.replace('+', '-').replace('/', '_').replace("=", ""));
        if (bytes.length < 32) {
            throw new IllegalStateException("astraphe.ticket secret must be at least 32 bytes");
        }
        return bytes;
    }
}
