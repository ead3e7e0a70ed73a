package dev.astraphe.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

class QueuePausesTest {

    /** Without Redis the home page still renders: its live cards say what the database says (live). */
    @Test
    void withoutRedisNoSaleIsSaidToBePaused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", closedPort));
        factory.afterPropertiesSet();
        try {
            QueuePauses pauses = new QueuePauses(new StringRedisTemplate(factory));
            assertThat(pauses.of(List.of(1L, 2L))).isEmpty();
            assertThat(pauses.of(List.of())).isEmpty();
        } finally {
            factory.destroy();
        }
    }
}
