package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.room.RoomView;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.testsupport.UsesRedis;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.result.view.View;
import org.thymeleaf.spring6.view.reactive.ThymeleafReactiveViewResolver;

@UsesRedis
@SpringBootTest(properties = {"astraphe.queue.admission-ticks=false",
        "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
class CachingViewResolverTest {

    private static final String STATUS = "queue/room :: status";

    @Autowired CachingViewResolver cached;
    @Autowired ThymeleafReactiveViewResolver thymeleaf;
    @Autowired AppLinks links;

    @Test
    void keepsEachViewPerLocaleLeavesRedirectsToThymeleafAndRendersAsThymeleafWould() {
        View status = cached.resolveViewName(STATUS, Locale.ENGLISH).block();
        assertThat(cached.resolveViewName(STATUS, Locale.ENGLISH).block()).isSameAs(status);
        assertThat(cached.resolveViewName(STATUS, Locale.KOREAN).block()).isNotSameAs(status);
        assertThat(cached.resolveViewName("redirect:/p/1", Locale.ENGLISH).blockOptional()).isEmpty();

        RoomView soldOut = new RoomView(RoomView.Kind.SOLD_OUT, 1002, "p", 0, 0, 0, 0, 0, 0);
        assertThat(render(status, soldOut)).contains("Sold out")
                .isEqualTo(render(thymeleaf.resolveViewName(STATUS, Locale.ENGLISH).block(), soldOut));
    }

    private String render(View view, RoomView room) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/queue/p/1002/poll").contextPath("/queue"));
        Map<String, Object> model = new HashMap<>(Map.of("view", room, "links", links));
        view.render(model, MediaType.TEXT_HTML, exchange).block();
        return exchange.getResponse().getBodyAsString().block();
    }
}
