package dev.astraphe.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** queue-edge's own Redis commands on real Redis: what they answer, and what they refuse to send. */
@WaitingRoomContext
class QueueRedisTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Autowired
    QueueRedis queueRedis;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void repliesComeBackAsTheyWereStoredAndNilsAsEmpty() {
        redis.opsForHash().put("astraphe:test:redis", "login", "{\"displayName\":\"김민지\"}").block(PATIENCE);

        assertThat(queueRedis.sessionFields("astraphe:test:redis", "login", "missing").block(PATIENCE))
                .containsExactly("{\"displayName\":\"김민지\"}", "");
        assertThat(queueRedis.hget("astraphe:test:redis", "missing").blockOptional(PATIENCE)).isEmpty();
        assertThat(queueRedis.run(RedisScript.of("return ARGV[1] .. KEYS[1]", String.class),
                List.of("astraphe:test:k"), List.of("v:")).block(PATIENCE)).isEqualTo("v:astraphe:test:k");
    }

    @Test
    void aCommandWithTextThatIsNotAsciiIsRefusedBeforeItIsSentAndTheConnectionCarriesOn() {
        assertThatThrownBy(() -> queueRedis.sessionFields("astraphe:session:sessions:\u00e9", "lastAccessedTime").block(PATIENCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queueRedis.hget("astraphe:test:redis", "민지").block(PATIENCE))
                .isInstanceOf(IllegalArgumentException.class);

        redis.opsForHash().put("astraphe:test:redis", "after", "1").block(PATIENCE);
        assertThat(queueRedis.hget("astraphe:test:redis", "after").block(PATIENCE)).isEqualTo("1");
    }
}
