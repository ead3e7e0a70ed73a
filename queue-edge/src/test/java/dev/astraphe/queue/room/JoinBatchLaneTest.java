package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.astraphe.queue.QueueRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A product's lane of joins goes on after a batch that Redis answered with nothing: that batch's joins fail, and the
 * joins after them are sent. Without that, every later join of the product waited for good.
 *
 * <p>A stub rather than Redis: the join script always answers a list, so a real Redis cannot give this answer. A batch
 * that fails is tried against a real, stalled Redis in {@link RedisStallTest} (joins work again afterwards).
 */
class JoinBatchLaneTest {

    private static final String[] KEYS = {"k"};
    private static final String[] COMMON = {"c"};

    @Test
    void aBatchAnsweredWithNothingFailsItsJoinsAndTheNextBatchIsSent() {
        QueueRedis redis = mock(QueueRedis.class);
        when(redis.runForList(any(), any(), any())).thenReturn(Mono.empty(), Mono.just(List.of("PLACE:2")));
        JoinBatches joins = new JoinBatches(redis, new SimpleMeterRegistry());

        assertThatThrownBy(() -> joins.join(1, KEYS, COMMON, "1", "0", "").block(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no reply");
        assertThat(joins.join(1, KEYS, COMMON, "2", "0", "").block(Duration.ofSeconds(5))).isEqualTo("PLACE:2");
    }
}
