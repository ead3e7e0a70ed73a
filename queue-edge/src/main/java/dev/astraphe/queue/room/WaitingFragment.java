package dev.astraphe.queue.room;

import dev.astraphe.shared.web.AppLinks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The waiting states of the status fragment ({@code queue/room :: status} for WAITING, PAUSED and ALL_HELD),
 * built as a string. These are almost every poll's answer, and Thymeleaf spent more CPU on them than all
 * else of a poll together. The markup is the template's, byte for byte: {@code WaitingFragmentTest}
 * renders both for every such state in both languages and compares them. Any other state goes to Thymeleaf.
 */
@Component
class WaitingFragment {

    /** Locales come from Accept-Language, which anybody can vary: past this many, texts are not kept. */
    private static final int MAX_LOCALES = 64;
    private static final String SLOT = "\u0000";

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final MessageSource messages;
    private final AppLinks links;
    private final ConcurrentMap<Locale, Texts> texts = new ConcurrentHashMap<>();

    WaitingFragment(MessageSource messages, AppLinks links) {
        this.messages = messages;
        this.links = links;
    }

    static boolean covers(RoomView view) {
        return view.polls() && view.kind() != RoomView.Kind.PREQUEUE;
    }

    /**
     * The status fragment as the answer to a join or poll: the waiting states written directly, without
     * resolving and rendering a view; any other state rendered from the template.
     */
    Mono<ServerResponse> respond(ServerRequest request, RoomView view, HttpStatus status) {
        if (covers(view)) {
            var exchange = request.exchange();
            Utf8 html = build(view, exchange.getLocaleContext().getLocale(), request.requestPath().contextPath().value());
            // written as the bytes they are: a String body is matched against every message writer, then encoded
            DataBuffer body = exchange.getResponse().bufferFactory().wrap(ByteBuffer.wrap(html.bytes, 0, html.size));
            return ServerResponse.status(status).contentType(HTML).contentLength(html.size)
                    .body(BodyInserters.fromDataBuffers(Mono.just(body)));
        }
        return ServerResponse.status(status).render(WaitingRoom.FRAGMENT, Map.of("view", view, "links", links));
    }

    String render(RoomView view, Locale locale, String contextPath) {
        Utf8 html = build(view, locale, contextPath);
        return new String(html.bytes, 0, html.size, StandardCharsets.UTF_8);
    }

    /**
     * The fragment as UTF-8, assembled from the locale's texts encoded once: built as a string, a Korean fragment
     * was a UTF-16 builder, a copy of it and its UTF-8 encoding, three times its size in garbage on every poll.
     */
    private Utf8 build(RoomView view, Locale locale, String contextPath) {
        Texts texts = texts(locale);
        return new Utf8(1024)
                .ascii("<div id=\"room-status\" class=\"room-status ").ascii(view.statusClass())
                .ascii("\" hx-swap=\"outerHTML\"\n       hx-get=\"").text(escape(contextPath))
                .ascii("/p/").number(view.productId()).ascii("/poll?from=").number(view.from())
                .ascii("\"\n       hx-trigger=\"load delay:").number(view.pollSeconds())
                .ascii("s\"\n       data-poll-seconds=\"").number(view.pollSeconds()).ascii("\">\n")
                .ascii("    <p class=\"sale-state\">").raw(message(texts, view.stateKey(), locale)).ascii("</p>\n    \n")
                .ascii("      \n      \n      \n      \n      \n      \n      \n      <div>\n")
                .ascii("        <p class=\"ahead\">").raw(message(texts, "room.ahead", locale, view.ahead())).ascii("</p>\n")
                .ascii("        <p class=\"wait\">").raw(wait(texts, view, locale)).ascii("</p>\n")
                .ascii("        <progress class=\"progress\" max=\"100\" aria-label=\"").raw(message(texts, "room.progress", locale))
                .ascii("\" value=\"").number(view.progress()).ascii("\">")
                .number(view.progress()).ascii("%</progress>\n")
                .ascii("        <p class=\"note\">").raw(message(texts, "room.keepOpen", locale)).ascii("</p>\n")
                .ascii("      </div>\n    \n    \n  </div>");
    }

    /** The wait line, as the template words it: unknown, under a minute, or about so many minutes. */
    private byte[][] wait(Texts texts, RoomView view, Locale locale) {
        if (!view.waitKnown()) {
            return new byte[][] {message(texts, "room.wait.unknown", locale)};
        }
        return view.waitUnderAMinute() ? new byte[][] {message(texts, "room.wait.soon", locale)}
                : message(texts, "room.wait", locale, view.waitMinutes());
    }

    /** A message without arguments, escaped, as UTF-8. */
    private byte[] message(Texts texts, String key, Locale locale) {
        return texts.plain.computeIfAbsent(key, k -> utf8(escape(messages.getMessage(k, null, locale))));
    }

    /**
     * What MessageFormat would make of the message with one number, without parsing it on every poll: the escaped
     * text around the argument as UTF-8, and the number formatted for the locale between them.
     */
    private byte[][] message(Texts texts, String key, Locale locale, long number) {
        byte[][] around = texts.around.computeIfAbsent(key, k -> around(k, locale));
        if (around.length != 2) {
            return new byte[][] {utf8(escape(messages.getMessage(key, new Object[] {number}, locale)))};
        }
        String formatted;
        synchronized (texts.numbers) {
            formatted = texts.numbers.format(number);
        }
        return new byte[][] {around[0], utf8(escape(formatted)), around[1]};
    }

    private byte[][] around(String key, Locale locale) {
        try {
            String[] parts = messages.getMessage(key, new Object[] {SLOT}, locale).split(SLOT, -1);
            if (parts.length != 2) {
                return new byte[0][];
            }
            // escaping works character by character, so the parts escaped apart are the whole escaped
            return new byte[][] {utf8(escape(parts[0])), utf8(escape(parts[1]))};
        } catch (IllegalArgumentException e) {
            // a {0,number,...} pattern refuses text: such a message is formatted whole, every time
            return new byte[0][];
        }
    }

    private Texts texts(Locale locale) {
        Texts known = texts.get(locale);
        if (known != null) {
            return known;
        }
        Texts fresh = new Texts(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), NumberFormat.getInstance(locale));
        return texts.size() < MAX_LOCALES ? texts.computeIfAbsent(locale, l -> fresh) : fresh;
    }

    /**
     * A locale's messages without arguments and the text around the argument of those with one (escaped, as UTF-8),
     * and its number format.
     */
    private record Texts(ConcurrentMap<String, byte[]> plain, ConcurrentMap<String, byte[][]> around, NumberFormat numbers) {
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A growing UTF-8 buffer. */
    private static final class Utf8 {

        private byte[] bytes;
        private int size;

        Utf8(int capacity) {
            bytes = new byte[capacity];
        }

        /** Text known to be ASCII (the markup, a lower-cased enum name). */
        Utf8 ascii(String text) {
            room(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[size++] = (byte) text.charAt(i);
            }
            return this;
        }

        Utf8 text(String text) {
            return raw(utf8(text));
        }

        Utf8 number(long number) {
            return ascii(Long.toString(number));
        }

        Utf8 raw(byte[] utf8) {
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
            return this;
        }

        Utf8 raw(byte[][] parts) {
            for (byte[] part : parts) {
                raw(part);
            }
            return this;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** What Thymeleaf's th:text escapes: the five markup-significant characters. */
    private static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
