package dev.astraphe.queue.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.astraphe.shared.web.AppLinks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

/** The loop answers as Spring's regular expressions do, on the edge cases and on random text of every kind. */
class HeaderCharactersTest {

    /** Controls (C0, DEL, C1), tab, unassigned (U+0378, U+10FFFF), surrogates alone and paired, emoji, Hangul. */
    private static final String[] PIECES = {
        "", "a", "Z~ ", "\t", "\0", "\n", "\r", "\u001f", "\u007f", "\u0080", "\u0085", "\u009f", "\u00a0", "é",
        "\u0378", "\u2028", "\u2029", "\ufeff", "\uffff", "\ud83d", "\ude00", "\ud83d\ude00", "\udbff\udfff",
        "\ud800\udc00", "\ud83e\udd16", "대기열", "QUEUE-XSRF-TOKEN=abc; SESSION=0f9c", "text/html;charset=UTF-8"
    };

    @Test
    void answersAsSpringsPatternsOnEveryEdgeCase() {
        List<String> samples = new ArrayList<>();
        samples.add(null);
        for (String a : PIECES) {
            for (String b : PIECES) {
                samples.add(a + b);
                samples.add("x" + a + "y" + b);
            }
        }
        samples.forEach(HeaderCharactersTest::assertSameAnswers);
    }

    @Test
    void answersAsSpringsPatternsOnRandomText() {
        SplittableRandom random = new SplittableRandom(20261203);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> s.append((char) random.nextInt(0x100));            // ASCII, C1, Latin-1
                    case 1 -> s.append((char) random.nextInt(0x10000));          // any UTF-16 unit, lone surrogates too
                    case 2 -> s.appendCodePoint(random.nextInt(0x110000));        // any code point
                    default -> s.append(PIECES[random.nextInt(PIECES.length)]);
                }
            }
            assertSameAnswers(s.toString());
        }
    }

    @Test
    void theFirewallBeanRejectsAControlCharacterInAHeaderAsItIsRead() {
        ServerWebExchangeFirewall firewall = new SecurityConfiguration(new AppLinks(null, null, null)).firewall();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost/queue/ping")
                .header("HX-Request", "true")
                .header("X-Tabbed", "a\tb")
                .header("X-Bell", "a\u0007b"));
        ServerWebExchange firewalled = firewall.getFirewalledExchange(exchange).block();

        assertThat(firewall).isInstanceOf(StrictServerWebExchangeFirewall.class);
        assertThat(firewalled.getRequest().getHeaders().getFirst("HX-Request")).isEqualTo("true");
        assertThat(firewalled.getRequest().getHeaders().getFirst("X-Tabbed")).isEqualTo("a\tb");
        assertThatThrownBy(() -> firewalled.getRequest().getHeaders().getFirst("X-Bell"))
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    @Test
    void theFirewallBeanStillRejectsWhatTheStrictDefaultsReject() {
        ServerWebExchangeFirewall firewall = new SecurityConfiguration(new AppLinks(null, null, null)).firewall();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost/queue/p/1;jsessionid=1/poll"));

        assertThatThrownBy(() -> firewall.getFirewalledExchange(exchange).block())
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    private static void assertSameAnswers(String s) {
        assertThat(HeaderCharacters.nameAllowed(s)).as("name %s", codes(s))
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(s));
        assertThat(HeaderCharacters.valueAllowed(s)).as("value %s", codes(s))
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(s));
        assertThat(HeaderCharacters.nameAllowed(s)).as("parameter name %s", codes(s))
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES.test(s));
    }

    private static String codes(String s) {
        return s == null ? "null" : s.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
    }
}
