package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.room.RoomView.Kind;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.testsupport.UsesRedis;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.result.view.View;
import org.thymeleaf.spring6.view.reactive.ThymeleafReactiveViewResolver;

/** The hand-built waiting fragment must be exactly what the template renders, or polls and the page would differ. */
@UsesRedis
@SpringBootTest(properties = {"astraphe.queue.admission-ticks=false",
        "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
class WaitingFragmentTest {

    @Autowired ThymeleafReactiveViewResolver thymeleaf;
    @Autowired WaitingFragment fragment;
    @Autowired AppLinks links;

    @Test
    void everyWaitingStateMatchesTheTemplateInBothLanguages() {
        List<RoomView> views = List.of(
                new RoomView(Kind.WAITING, 1002, "Sneakers <Limited> & \"Co\"", 1_234_567, 3_600, 42, 2_000_000, 20, 1),
                new RoomView(Kind.WAITING, 7, "p", 0, 0, 100, 0, 2, 0),
                new RoomView(Kind.WAITING, 7, "p", 3, 59, 40, 5, 2, 0),
                new RoomView(Kind.WAITING, 7, "p", 9, 60, 10, 10, 5, 0),
                new RoomView(Kind.PAUSED, 31, "p", 15, 61, 3, 16, 5, 0),
                new RoomView(Kind.PAUSED, 31, "p", 15, RoomView.WAIT_UNKNOWN, 3, 16, 5, 0),
                new RoomView(Kind.ALL_HELD, 31, "p", 150, RoomView.WAIT_UNKNOWN, 0, 150, 30, 0));
        // German has no messages of its own (Korean ones) but groups digits with dots, as MessageFormat would
        for (Locale locale : List.of(Locale.KOREAN, Locale.ENGLISH, Locale.GERMAN)) {
            for (RoomView view : views) {
                assertThat(WaitingFragment.covers(view)).isTrue();
                assertThat(fragment.render(view, locale, "/queue")).as(view + " " + locale).isEqualTo(thymeleaf(view, locale));
            }
        }
        // a wait the next ticks end within a minute says so, not "about 1 min"; a minute or more is rounded up
        assertThat(fragment.render(new RoomView(Kind.WAITING, 7, "p", 0, 7, 100, 0, 2, 0), Locale.KOREAN, "/queue"))
                .contains("예상 대기 시간 1분 이내").doesNotContain("약 1분");
        assertThat(fragment.render(new RoomView(Kind.WAITING, 7, "p", 9, 61, 10, 10, 5, 0), Locale.ENGLISH, "/queue"))
                .contains("Estimated wait about 2 min");
        assertThat(WaitingFragment.covers(RoomView.simple(Kind.PREQUEUE, 1, ""))).isFalse();
        assertThat(WaitingFragment.covers(RoomView.simple(Kind.REJOIN, 1, ""))).isFalse();
    }

    private String thymeleaf(RoomView view, Locale locale) {
        // the template itself, not CachingViewResolver, which would answer with WaitingFragment
        return render(thymeleaf.resolveViewName(WaitingRoom.FRAGMENT, locale).block(), view, locale);
    }

    private String render(View resolved, RoomView view, Locale locale) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/queue/p/1/poll")
                .contextPath("/queue").header(HttpHeaders.ACCEPT_LANGUAGE, locale.toLanguageTag()));
        Map<String, Object> model = new HashMap<>(Map.of("view", view, "links", links));
        resolved.render(model, MediaType.TEXT_HTML, exchange).block();
        return exchange.getResponse().getBodyAsString().block();
    }
}
