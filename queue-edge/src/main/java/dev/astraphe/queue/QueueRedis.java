package dev.astraphe.queue;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisHashAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisSortedSetAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The Redis traffic of queue-edge's hot paths, straight through Lettuce: the waiting room's scripts on one
 * connection, the logins read from the shared session on another.
 *
 * <p>Spring Data's template wraps every command in a per-call connection ({@code usingWhen}: open, run, close)
 * and converts keys and arguments to byte buffers and back, which for a join cost queue-edge more than the join
 * costs Redis. Lettuce continues a reply on the event loop of the connection it arrived on; two connections put a
 * join's two halves (after its login is read, after its script ran) on two threads, so a join uses both cores
 * without handing every reply to another thread pool. Both are opened with the Lettuce client (resources,
 * options, address) that Spring Boot configured; everything else keeps using Spring Data.
 *
 * <p>Keys and arguments are written as ASCII, replies read as UTF-8 ({@link AsciiCommandCodec}); a command with any
 * other character is refused before it is sent.
 *
 * <p>Commands go through Lettuce's asynchronous API, sent when subscribed to, each reply handed to Reactor as one
 * completed future (a nil reply is an empty {@code Mono}, an error reply its exception). Its reactive API puts a
 * publisher, a subscription with demand accounting and a state machine around every command, built when
 * subscribed and walked again for the reply.
 *
 * <p>The connections live and die with that client: the factory shuts its client down when it stops and makes a new
 * one when it starts again (which a paused test context does, and any context that is stopped and started). So
 * these connections are closed just before the factory stops (one phase later) and opened again from the new
 * client just after it starts; before this, a restarted context kept using connections of a client that was gone.
 */
@Component
public class QueueRedis implements SmartLifecycle {

    private final LettuceConnectionFactory factory;
    private volatile Link queue;
    private volatile Link logins;
    private volatile boolean running;

    QueueRedis(LettuceConnectionFactory factory) {
        this.factory = factory;
        open();
    }

    private void open() {
        AbstractRedisClient client = factory.getRequiredNativeClient();
        this.queue = Link.open(client);
        this.logins = Link.open(client);
        this.running = true;
    }

    @Override
    public synchronized void start() {
        if (!running) {
            open();
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            running = false;
            logins.connection().close();
            queue.connection().close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the connection factory, started after it. */
    @Override
    public int getPhase() {
        return factory.getPhase() + 1;
    }

    /** One connection and its command views. */
    private record Link(StatefulConnection<String, String> connection, RedisScriptingAsyncCommands<String, String> scripting,
                        RedisHashAsyncCommands<String, String> hashes, RedisStringAsyncCommands<String, String> strings,
                        RedisSortedSetAsyncCommands<String, String> sortedSets) {

        static Link open(AbstractRedisClient client) {
            return switch (client) {
                case RedisClient standalone -> {
                    StatefulRedisConnection<String, String> c = standalone.connect(AsciiCommandCodec.INSTANCE);
                    yield new Link(c, c.async(), c.async(), c.async(), c.async());
                }
                case RedisClusterClient cluster -> {
                    StatefulRedisClusterConnection<String, String> c = cluster.connect(AsciiCommandCodec.INSTANCE);
                    yield new Link(c, c.async(), c.async(), c.async(), c.async());
                }
                default -> throw new IllegalStateException("Unsupported Redis client " + client.getClass().getName());
            };
        }
    }

    /**
     * Runs a waiting-room script by its digest, loading it with EVAL when Redis does not know it (first use, or
     * after a restart or {@code SCRIPT FLUSH}). The reply is the script's single value as text.
     */
    public Mono<String> run(RedisScript<?> script, List<String> keys, List<String> args) {
        ScriptOutputType type = Long.class.equals(script.getResultType()) ? ScriptOutputType.INTEGER : ScriptOutputType.VALUE;
        return this.<Object>script(script, type, keys.toArray(String[]::new), args.toArray(String[]::new)).map(String::valueOf);
    }

    /** Runs a waiting-room script that answers with a list of values, as {@link #run} does; each value as text. */
    public Mono<List<String>> runForList(RedisScript<?> script, String[] keys, String[] args) {
        return this.<List<Object>>script(script, ScriptOutputType.MULTI, keys, args).map(values -> {
            List<String> texts = new ArrayList<>(values.size());
            values.forEach(value -> texts.add(String.valueOf(value)));
            return texts;
        });
    }

    /** EVALSHA, and EVAL when Redis does not know the script. */
    private <T> Mono<T> script(RedisScript<?> script, ScriptOutputType type, String[] keys, String[] args) {
        if (!ascii(keys) || !ascii(args)) {
            return notAscii();
        }
        return Mono.fromCompletionStage(() -> queue.scripting().<T>evalsha(script.getSha1(), type, keys, args))
                .onErrorResume(RedisNoScriptException.class,
                        e -> Mono.fromCompletionStage(() -> queue.scripting().<T>eval(script.getScriptAsString(), type, keys, args)));
    }

    /** A field of a waiting-room hash. */
    public Mono<String> hget(String key, String field) {
        if (!ascii(key, field)) {
            return notAscii();
        }
        return Mono.fromCompletionStage(() -> queue.hashes().hget(key, field));
    }

    /** A member's score in a waiting-room sorted set, empty if it is not there. */
    public Mono<Double> zscore(String key, String member) {
        if (!ascii(key, member)) {
            return notAscii();
        }
        return Mono.fromCompletionStage(() -> queue.sortedSets().zscore(key, member));
    }

    /** Fields of a stored session, in order, empty for a missing field or session. */
    public Mono<List<String>> sessionFields(String key, String... fields) {
        if (!ascii(key) || !ascii(fields)) {
            return notAscii();
        }
        return Mono.fromCompletionStage(() -> logins.hashes().hmget(key, fields)).map(values -> {
            List<String> texts = new ArrayList<>(values.size());
            values.forEach(value -> texts.add(value.getValueOrElse("")));
            return texts;
        });
    }

    /**
     * Whether a failure is Redis not answering (down, restarting, failing over, a command timed out) rather than the
     * request's own fault: such work is worth trying again as it is.
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                    || e instanceof RedisConnectionException || e instanceof RedisCommandTimeoutException
                    || e instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Whether every text can be sent as it is (see {@link AsciiCommandCodec}). */
    public static boolean ascii(String... texts) {
        for (String text : texts) {
            if (!AsciiCommandCodec.isAscii(text)) {
                return false;
            }
        }
        return true;
    }

    private static <T> Mono<T> notAscii() {
        return Mono.error(new IllegalArgumentException("queue-edge sends only ASCII keys and arguments to Redis"));
    }
}
