package dev.astraphe.queue.room;

import dev.astraphe.queue.QueueRedis;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Sends the joins of a product to Redis together, in the order they arrived, as one run of the join script
 * ({@link QueueScripts#JOIN}): group commit. While a product's batch is on its way, the joins that arrive wait
 * beside it and leave as the next batch the moment it is answered; a join that finds nothing on its way leaves at
 * once, alone. Nothing waits for a timer, so a quiet queue answers as fast as before, and at the opening of a sale
 * each Redis round trip, script start and reply carries many joins instead of one (the script's own cost per join
 * falls too: it reads the shared state once and writes the line once per batch).
 *
 * <p>Order: one batch per product is on its way at a time from this instance, and Redis runs each script whole, so
 * places are handed out in the order the joins reached {@link #join}; several instances interleave whole batches
 * exactly as they interleaved single joins. A batch carries only joins that share the script's keys and common
 * arguments (the same sale settings and admission tick); a join that differs closes the batch before it.
 */
@Component
class JoinBatches {

    /** The most joins one script run carries: its replies and writes stay small, and Redis is never held long. */
    static final int MAX_BATCH = 256;

    private static final Mono<List<String>> NO_REPLY =
            Mono.error(() -> new IllegalStateException("the join script gave no reply"));

    private final QueueRedis redis;
    private final DistributionSummary sizes;
    private final ConcurrentHashMap<Long, Lane> lanes = new ConcurrentHashMap<>();

    JoinBatches(QueueRedis redis, MeterRegistry registry) {
        this.redis = redis;
        this.sizes = DistributionSummary.builder("astraphe.queue.join.batch")
                .description("Joins sent to Redis in one run of the join script").register(registry);
    }

    /** One join: the script's keys and common arguments, and this join's user, time and ticket sequence. */
    Mono<String> join(long productId, String[] keys, String[] common, String user, String now, String held) {
        return Mono.create(sink -> lanes.computeIfAbsent(productId, id -> new Lane())
                .submit(new Pending(keys, common, user, now, held, sink, ThreadExecutorMap.currentExecutor())));
    }

    /**
     * A join waiting for its answer, and the event loop it came from (null if it came from elsewhere): its answer is
     * handed back to that loop, which owns the request's connection, so the rest of the request (the page fragment,
     * the ticket, the response) runs there and is written without another hand-off. Answered on the Redis
     * connection's single thread instead, every join's remaining work queued behind the others' on one core.
     */
    private record Pending(String[] keys, String[] common, String user, String now, String held, MonoSink<String> sink,
                           @Nullable EventExecutor loop) {

        boolean goesWith(Pending other) {
            return Arrays.equals(keys, other.keys) && Arrays.equals(common, other.common);
        }
    }

    /** A product's joins: those waiting, and whether a batch is on its way. */
    private final class Lane {

        private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        private boolean sending;

        void submit(Pending join) {
            List<Pending> batch = null;
            synchronized (this) {
                waiting.add(join);
                if (!sending) {
                    sending = true;
                    batch = next();
                }
            }
            if (batch != null) {
                send(batch);
            }
        }

        /** The waiting joins that can go together, oldest first. Called holding the lock. */
        private List<Pending> next() {
            List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
            Pending first = waiting.poll();
            batch.add(first);
            while (batch.size() < MAX_BATCH && !waiting.isEmpty() && waiting.peek().goesWith(first)) {
                batch.add(waiting.poll());
            }
            return batch;
        }

        private void send(List<Pending> batch) {
            Pending first = batch.getFirst();
            String[] args = Arrays.copyOf(first.common(), first.common().length + 3 * batch.size());
            int i = first.common().length;
            for (Pending join : batch) {
                args[i++] = join.user();
                args[i++] = join.now();
                args[i++] = join.held();
            }
            sizes.record(batch.size());
            Mono<List<String>> sent;
            try {
                // an empty answer would call neither callback below and leave the lane marked as sending for good
                sent = redis.runForList(QueueScripts.JOIN, first.keys(), args).switchIfEmpty(NO_REPLY);
            } catch (RuntimeException e) {
                sent = Mono.error(e); // never leave the lane marked as sending with nothing on its way
            }
            // the next batch leaves before this one's joins are answered: answering runs the rest of each request
            sent.subscribe(
                    replies -> {
                        sendNext();
                        answer(batch, replies);
                    },
                    error -> {
                        sendNext();
                        batch.forEach(join -> join.sink().error(error));
                    });
        }

        private void answer(List<Pending> batch, List<String> replies) {
            Map<EventExecutor, List<Runnable>> byLoop = new IdentityHashMap<>(4);
            for (int i = 0; i < batch.size(); i++) {
                Pending join = batch.get(i);
                Runnable answer = i < replies.size() ? answerWith(join, replies.get(i)) : () -> join.sink().error(
                        new IllegalStateException("join script answered " + replies.size() + " of " + batch.size() + " joins"));
                if (join.loop() == null || join.loop().inEventLoop()) {
                    answer.run();
                } else {
                    byLoop.computeIfAbsent(join.loop(), loop -> new ArrayList<>()).add(answer);
                }
            }
            byLoop.forEach((loop, answers) -> {
                try {
                    loop.execute(() -> answers.forEach(Runnable::run));
                } catch (RejectedExecutionException e) {
                    answers.forEach(Runnable::run); // the loop is shutting down: answer here rather than never
                }
            });
        }

        private static Runnable answerWith(Pending join, String reply) {
            return () -> join.sink().success(reply);
        }

        private void sendNext() {
            List<Pending> batch;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    sending = false;
                    return;
                }
                batch = next();
            }
            send(batch);
        }
    }
}
