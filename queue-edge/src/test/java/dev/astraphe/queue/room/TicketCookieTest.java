package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.astraphe.queue.web.CookieProperties;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

/**
 * The ticket cookie written as bytes is the header Netty's encoder makes of the cookie Spring would build (as it
 * did before), apart from Expires, which counts from the ticket's time instead of the encoder's clock.
 */
class TicketCookieTest {

    private static final String SECRET = Base64.getUrlEncoder().encodeToString(new byte[32]);

    @Test
    void isWhatNettyEncodesFromSpringsCookie() {
        for (boolean secure : List.of(false, true)) {
            TicketCodec codec = new TicketCodec(new TicketProperties(SECRET, null), new CookieProperties(secure));
            Ticket ticket = new Ticket(1001, 5_000_000, 1_000_001_001, 1_796_437_556_559L);
            MockServerHttpResponse response = new MockServerHttpResponse();

            codec.setCookie(response, ticket);

            String written = response.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
            ResponseCookie spring = ResponseCookie.from(Ticket.cookieName(1001), codec.encode(ticket))
                    .path("/queue").httpOnly(true).sameSite("Lax").secure(secure).maxAge(Duration.ofDays(2)).build();
            DefaultCookie netty = new DefaultCookie(spring.getName(), spring.getValue());
            netty.setMaxAge(spring.getMaxAge().getSeconds());
            netty.setPath(spring.getPath());
            netty.setSecure(spring.isSecure());
            netty.setHttpOnly(spring.isHttpOnly());
            netty.setSameSite(io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite.valueOf(spring.getSameSite()));
            String expected = ServerCookieEncoder.STRICT.encode(netty)
                    .replaceFirst("Expires=[^;]+;", "Expires=Mon, 07 Dec 2026 02:25:56 GMT;");
            assertThat(written).isEqualTo(expected);
        }
    }

    @Test
    void aTicketCarriesHowManyWereAheadAndOneWithoutThatFieldStillReads() {
        TicketCodec codec = new TicketCodec(new TicketProperties(SECRET, null), new CookieProperties(false));
        Ticket ticket = new Ticket(1002, 42, 7, 1_796_437_556_559L, 1234);
        assertThat(codec.decode(codec.encode(ticket), 1002, ticket.issuedAtMillis() + 1000)).contains(ticket);

        // as tickets were written before the field: four fields, read as "not known"
        String old = codec.encode(new Ticket(1002, 42, 7, 1_796_437_556_559L));
        assertThat(new String(Base64.getUrlDecoder().decode(old.substring(0, old.indexOf('.'))))).isEqualTo("1002|42|7|1796437556559");
        assertThat(codec.decode(old, 1002, ticket.issuedAtMillis() + 1000)).get().extracting(Ticket::aheadAtIssue).isEqualTo(0L);
    }

    @Test
    void theCookieCarriesATicketThatReadsBack() {
        TicketCodec codec = new TicketCodec(new TicketProperties(SECRET, null), new CookieProperties(false));
        Ticket ticket = new Ticket(1002, 42, 7, 1_796_437_556_559L);
        MockServerHttpResponse response = new MockServerHttpResponse();
        codec.setCookie(response, ticket);
        String[] pair = response.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0].split("=", 2);

        var request = MockServerHttpRequest.get("/queue/p/1002/poll").cookie(new HttpCookie(pair[0], pair[1])).build();

        assertThat(codec.read(request, 1002, ticket.issuedAtMillis() + 1000)).contains(ticket);
    }

    @Test
    void aTicketReadsForTwoDaysForItsOwnProductOnlyAndNotAtAllWhenAlteredOrSignedWithAnotherSecret() {
        TicketCodec codec = new TicketCodec(new TicketProperties(SECRET, null), new CookieProperties(false));
        Ticket ticket = new Ticket(1002, 42, 7, 1_796_437_556_559L, 3);
        String value = codec.encode(ticket);
        long twoDays = Duration.ofDays(2).toMillis();

        assertThat(codec.decode(value, 1002, ticket.issuedAtMillis() + twoDays - 1)).contains(ticket);
        // expired: the waiting room then asks to join again (a place kept for a shopper silent that long is dropped)
        assertThat(codec.decode(value, 1002, ticket.issuedAtMillis() + twoDays)).isEmpty();
        assertThat(codec.decode(value, 1003, ticket.issuedAtMillis())).isEmpty();
        String other = Base64.getUrlEncoder().encodeToString("another secret of 32 bytes or so".getBytes());
        assertThat(new TicketCodec(new TicketProperties(other, null), new CookieProperties(false))
                .decode(value, 1002, ticket.issuedAtMillis())).isEmpty();
        // a later place written into the same signature
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("1002|42|1|1796437556559|3".getBytes())
                + value.substring(value.indexOf('.'));
        assertThat(codec.decode(forged, 1002, ticket.issuedAtMillis())).isEmpty();
    }

    @Test
    void queueEdgeRefusesToStartWithoutATicketSecretOrWithAShortOne() {
        // a secret made up at start would void every place in the line at the next restart
        assertThatThrownBy(() -> new TicketCodec(new TicketProperties(null, null), new CookieProperties(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("astraphe.ticket.secret-file");
        assertThatThrownBy(() -> new TicketCodec(new TicketProperties(" ", ""), new CookieProperties(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("astraphe.ticket.secret-file");
        String short16 = Base64.getUrlEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new TicketCodec(new TicketProperties(short16, null), new CookieProperties(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes");
    }
}
