package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.testsupport.UsesRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The ping, polls and joins are timed by the filter instead of an observation: once each, under the same
 * meter name and tag keys as every other request.
 */
@UsesRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
@AutoConfigureWebTestClient
class HotPathTimingTest {

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry registry;

    @Test
    void hotRoutesAreTimedOnceWithTheTagsOfEveryOtherRequest() {
        web.get().uri("/ping").exchange().expectStatus().isOk();
        web.get().uri("/p/42/poll").exchange().expectStatus().isOk();
        web.get().uri("/p/43/poll").exchange().expectStatus().isOk();
        web.post().uri("/p/42/join").exchange().expectStatus().isForbidden(); // no CSRF token, no login
        web.get().uri("/me").exchange().expectStatus().isFound();             // not hot: observed as before

        // a request is recorded as its answer completes on the server, which may be just after the client has it
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(registry.find("http.server.requests").tag("uri", "/p/{productId}/join").tag("status", "403").timer()).isNotNull();
            assertThat(timer("/p/{productId}/join", "403").count()).isEqualTo(1);
        });
        assertThat(timer("/ping", "200").count()).isEqualTo(1);
        assertThat(timer("/p/{productId}/poll", "200").count()).isEqualTo(2);
        assertThat(timer("/p/{productId}/join", "403").getId().getTag("outcome")).isEqualTo("CLIENT_ERROR");
        assertThat(timer("/p/{productId}/poll", "200").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();

        List<Timer> all = List.copyOf(registry.find("http.server.requests").timers());
        Set<Set<String>> tagKeys = all.stream()
                .map(t -> t.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
                .collect(Collectors.toSet());
        assertThat(all.stream().filter(t -> !Set.of("/ping", "/p/{productId}/poll", "/p/{productId}/join").contains(t.getId().getTag("uri"))))
                .as("the observed requests are still timed").isNotEmpty();
        assertThat(tagKeys).as("one set of tag keys for the whole family").hasSize(1);
    }

    @Test
    void routesAreRecognisedByMethodAndShape() {
        assertThat(route("GET", "/queue/ping")).isEqualTo(Route.PING);
        assertThat(route("GET", "/queue/p/7/poll")).isEqualTo(Route.POLL);
        assertThat(route("POST", "/queue/p/7/join")).isEqualTo(Route.JOIN);
        assertThat(route("POST", "/queue/p/7/poll")).isNull();
        assertThat(route("GET", "/queue/p/7/join")).isNull();
        assertThat(route("GET", "/queue/p//poll")).isNull();
        assertThat(route("GET", "/queue/p/7/x/poll")).isNull();
        assertThat(route("GET", "/queue/p/7/polls")).isNull();
        assertThat(route("GET", "/queue/")).isNull();
    }

    private Timer timer(String uri, String status) {
        return registry.get("http.server.requests").tag("uri", uri).tag("status", status).timer();
    }

    private static Route route(String method, String path) {
        var request = MockServerHttpRequest.method(org.springframework.http.HttpMethod.valueOf(method), path).build()
                .mutate().contextPath("/queue").build();
        return Route.of(request);
    }
}
