package dev.astraphe.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * queue-edge's own Redis connections survive the connection factory being stopped and started again: the factory
 * shuts its Lettuce client down on stop and builds a new one on start, which the test framework does to every
 * cached context it pauses between test classes.
 */
// the waiting room's cached context, paused and restarted here as the test framework would
@WaitingRoomContext
class QueueRedisLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    QueueRedis queueRedis;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    LettuceConnectionFactory factory;

    @Test
    void theSharedConnectionsAreOpenedWhenTheFactoryStartsNotAtTheirFirstUse() {
        // opened at first use, a connection's handshake waited under the factory's lock for the event loops, which
        // waited for that lock: a deadlock at startup (EagerRedisConnections)
        assertThat(factory.getEagerInitialization()).isTrue();
        assertThat(factory.getShareNativeConnection()).isTrue();
    }

    @Test
    void theConnectionsAreOpenedAgainWhenTheContextRestarts() {
        redis.opsForHash().put("astraphe:test:lifecycle", "field", "value").block(PATIENCE);
        assertThat(queueRedis.hget("astraphe:test:lifecycle", "field").block(PATIENCE)).isEqualTo("value");

        context.pause();
        assertThat(queueRedis.isRunning()).isFalse();
        context.restart();

        // before, both answered "Connection is closed": they still belonged to the client the factory shut down
        assertThat(queueRedis.hget("astraphe:test:lifecycle", "field").block(PATIENCE)).isEqualTo("value");
        assertThat(queueRedis.sessionFields("astraphe:test:lifecycle", "field", "missing").block(PATIENCE))
                .containsExactly("value", "");
    }
}
