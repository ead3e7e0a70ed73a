package dev.astraphe.queue.room;

import dev.astraphe.shared.web.AppLinks;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
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
            byte[] html = render(view, exchange.getLocaleContext().getLocale(), request.requestPath().contextPath().value())
                    .getBytes(StandardCharsets.UTF_8);
            // written as the bytes they are: a String body is matched against every message writer, then encoded
            DataBuffer body = exchange.getResponse().bufferFactory().wrap(html);
            return ServerResponse.status(status).contentType(HTML).contentLength(html.length)
                    .body(BodyInserters.fromDataBuffers(Mono.just(body)));
        }
        return ServerResponse.status(status).render(WaitingRoom.FRAGMENT, Map.of("view", view, "links", links));
    }

    String render(RoomView view, Locale locale, String contextPath) {
        String kind = view.kind().name();
        StringBuilder html = new StringBuilder(900);
        html.append("<div id=\"room-status\" class=\"room-status room-").append(kind.toLowerCase(Locale.ROOT))
                .append("\" hx-swap=\"outerHTML\"\n       hx-get=\"").append(escape(contextPath))
                .append("/p/").append(view.productId()).append("/poll?from=").append(view.from())
                .append("\"\n       hx-trigger=\"load delay:").append(view.pollSeconds())
                .append("s\"\n       data-poll-seconds=\"").append(view.pollSeconds()).append("\">\n")
                .append("    <p class=\"sale-state\">").append(message(view.stateKey(), locale)).append("</p>\n    \n")
                .append("      \n      \n      \n      \n      \n      \n      \n      <div>\n")
                .append("        <p class=\"ahead\">").append(message("room.ahead", locale, view.ahead())).append("</p>\n")
                .append("        <p class=\"wait\">").append(message("room.wait", locale, view.waitMinutes())).append("</p>\n")
                .append("        <progress class=\"progress\" max=\"100\" value=\"").append(view.progress()).append("\">")
                .append(view.progress()).append("%</progress>\n")
                .append("        <p class=\"note\">").append(message("room.keepOpen", locale)).append("</p>\n")
                .append("      </div>\n    \n    \n  </div>");
        return html.toString();
    }

    private String message(String key, Locale locale) {
        return texts(locale).plain.computeIfAbsent(key, k -> escape(messages.getMessage(k, null, locale)));
    }

    /** What MessageFormat would make of the message with one number, without parsing it on every poll. */
    private String message(String key, Locale locale, long number) {
        Texts texts = texts(locale);
        String[] around = texts.around.computeIfAbsent(key, k -> around(k, locale));
        if (around.length != 2) {
            return escape(messages.getMessage(key, new Object[] {number}, locale));
        }
        String formatted;
        synchronized (texts.numbers) {
            formatted = texts.numbers.format(number);
        }
        return escape(around[0] + formatted + around[1]);
    }

    private String[] around(String key, Locale locale) {
        try {
            return messages.getMessage(key, new Object[] {SLOT}, locale).split(SLOT, -1);
        } catch (IllegalArgumentException e) {
            // a {0,number,...} pattern refuses text: such a message is formatted whole, every time
            return new String[0];
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

    /** A locale's messages without arguments, the text around the argument of those with one, its number format. */
    private record Texts(ConcurrentMap<String, String> plain, ConcurrentMap<String, String[]> around, NumberFormat numbers) {
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
