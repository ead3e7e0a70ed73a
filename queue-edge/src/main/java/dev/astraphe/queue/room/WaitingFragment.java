package dev.astraphe.queue.room;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The waiting states of the status fragment ({@code queue/room :: status} for WAITING, PAUSED and ALL_HELD),
 * built as a string. These are almost every poll's answer, and Thymeleaf spent more CPU on them than all
 * else of a poll together. The markup is the template's, byte for byte: {@code WaitingFragmentTest}
 * renders both for every such state in both languages and compares them. Any other state goes to Thymeleaf.
 */
@Component
class WaitingFragment {

    private final MessageSource messages;

    WaitingFragment(MessageSource messages) {
        this.messages = messages;
    }

    static boolean covers(RoomView view) {
        return view.polls() && view.kind() != RoomView.Kind.PREQUEUE;
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

    private String message(String key, Locale locale, Object... args) {
        return escape(messages.getMessage(key, args.length == 0 ? null : args, locale));
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
