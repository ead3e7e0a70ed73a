package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.testsupport.UsesRedis;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The HTTP server runs on io_uring where the kernel offers it (why: bench/README.md, "io_uring"), on epoll
 * elsewhere. Same context as {@link HotPathTimingTest}, so no second server is started.
 */
@UsesRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
@AutoConfigureWebTestClient
class NativeTransportTest {

    @Autowired
    WebTestClient web;

    @Test
    void theServerServesOnIoUringWhereTheKernelOffersIt() {
        web.get().uri("/ping").exchange().expectStatus().isOk();

        String expected = IoUring.isAvailable() ? "reactor-http-io_uring-" : "reactor-http-epoll-";
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("the server's event loops").anyMatch(name -> name.startsWith(expected));
    }
}
