package dev.astraphe.queue.kafka;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;

/**
 * A listener of a compacted topic that every instance materialises in Redis: it has a consumer group of its own and
 * seeks to the beginning whenever it gets partitions, so each boot (or container restart) reads the whole topic again,
 * and a restarted queue-edge or a wiped Redis heals itself without any other source of truth.
 */
public abstract class ReplayedFromStart extends AbstractConsumerSeekAware {

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToBeginning(assignments.keySet());
    }
}
