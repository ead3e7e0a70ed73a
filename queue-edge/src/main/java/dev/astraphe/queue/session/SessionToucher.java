package dev.astraphe.queue.session;

import dev.astraphe.queue.QueueRedis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves stored sessions' last-access time off the request path, so that a shopper's session does not idle out
 * while they wait and no request waits for that write.
 *
 * <p>A request whose login comes from a session whose stored last access is one to two {@code touch-interval}s old
 * (a share that depends on the session) asks for a touch here and goes on. Once a second the sessions asked for
 * are touched in Redis, {@value #BATCH} to a script run ({@link #TOUCH}), writing what the indexed session
 * repository's save writes when only the last-access time changed: the time, the session's two expiries and its
 * entry in the expirations set. Its principal index is left as it is, as that save leaves it (the login did not
 * change). A session the script cannot read (numbers stored in another form) is loaded and saved through Spring
 * Session instead.
 *
 * <p>Before, every touch was that load and save: the whole hash read and every attribute decoded, then seven
 * commands one after another. At the opening of a sale tens of thousands of sessions fall due within a minute or
 * two of each other, and the joins of that moment shared the two cores with their touches.
 */
@Component
public class SessionToucher {

    private static final Logger log = LoggerFactory.getLogger(SessionToucher.class);
    /** Past this many sessions waiting for their touch, more asks are dropped: their next request asks again. */
    private static final int MAX_PENDING = 100_000;
    /** Sessions per script run: up to six commands each, so one run holds Redis for a few hundred commands. */
    static final int BATCH = 64;
    private static final int CONCURRENCY = 4;
    /** A pass waits on its scheduler thread; a reply that never comes must not hold it for good. */
    private static final Duration PASS_WAIT = Duration.ofSeconds(10);

    /**
     * Touches sessions that exist and have not expired (by their stored idle timeout, as Spring Session reads them),
     * never moving a last access backwards. KEYS: 1 the expirations set, then per session its hash and its
     * {@code expires} key. ARGV: 1 now as the session serializer writes it, 2 now in millis, then per session its
     * id as the serializer writes it (the set's member). Returns the 1-based positions of sessions whose numbers it
     * could not read.
     */
    static final RedisScript<List> TOUCH = RedisScript.of("""
            local nowText, now = ARGV[1], tonumber(ARGV[2])
            local unread = {}
            for i = 1, #ARGV - 2 do
              local session, expires = KEYS[2 * i], KEYS[2 * i + 1]
              local stored = redis.call('HMGET', session, 'lastAccessedTime', 'maxInactiveInterval')
              if stored[1] and stored[2] then
                local last, idle = tonumber(stored[1]), tonumber(stored[2])
                if not last or not idle then
                  unread[#unread + 1] = i
                elseif last < now and (idle < 0 or now - idle * 1000 < last) then
                  redis.call('HSET', session, 'lastAccessedTime', nowText)
                  if idle >= 0 then
                    redis.call('EXPIRE', session, idle + 300)
                    redis.call('APPEND', expires, '')
                    redis.call('EXPIRE', expires, idle)
                  else
                    redis.call('PERSIST', session)
                    redis.call('DEL', expires)
                  end
                  redis.call('ZADD', KEYS[1], now + idle * 1000, ARGV[i + 2])
                end
              end
            end
            return unread
            """, List.class);

    private final ObjectProvider<ReactiveSessionRepository<? extends Session>> sessions;
    private final QueueRedis redis;
    private final RedisSerializer<Object> serializer;
    private final String sessionKeys;
    private final Clock clock;
    private volatile Set<String> pending = ConcurrentHashMap.newKeySet();

    SessionToucher(ObjectProvider<ReactiveSessionRepository<? extends Session>> sessions, QueueRedis redis,
                   @Qualifier("springSessionDefaultRedisSerializer") RedisSerializer<Object> serializer,
                   @Value("${spring.session.data.redis.namespace}") String namespace, Clock clock) {
        this.sessions = sessions;
        this.redis = redis;
        this.serializer = serializer;
        this.sessionKeys = namespace + ":sessions:";
        this.clock = clock;
    }

    /** Asks for the session's last-access time to be moved to now, within about a second. */
    public void touch(String sessionId) {
        Set<String> asked = pending;
        if (asked.size() < MAX_PENDING) {
            asked.add(sessionId);
        }
    }

    @Scheduled(fixedDelayString = "${astraphe.session.touch-flush:1s}")
    void flush() {
        Set<String> batch = pending;
        if (batch.isEmpty()) {
            return;
        }
        pending = ConcurrentHashMap.newKeySet();
        Instant now = clock.instant();
        // the login was read only for an ASCII id (StoredLoginSecurityContextRepository): nothing else is asked for
        List<String> ids = batch.stream().filter(QueueRedis::ascii).toList();
        try {
            Flux.range(0, (ids.size() + BATCH - 1) / BATCH)
                    .map(i -> ids.subList(i * BATCH, Math.min(ids.size(), (i + 1) * BATCH)))
                    .flatMap(chunk -> touchStored(chunk, now), CONCURRENCY)
                    .flatMap(id -> touchLoaded(sessions.getObject(), id, now), CONCURRENCY)
                    .then().block(PASS_WAIT);
        } catch (RuntimeException e) {
            log.warn("Touching {} sessions failed: {}", batch.size(), e.toString());
        }
    }

    /** Touches the sessions in one script run; those it could not read come back, for Spring Session. */
    private Flux<String> touchStored(List<String> ids, Instant now) {
        String[] keys = new String[1 + 2 * ids.size()];
        String[] args = new String[2 + ids.size()];
        keys[0] = sessionKeys + "expirations";
        args[0] = serialized(now.toEpochMilli());
        args[1] = Long.toString(now.toEpochMilli());
        for (int i = 0; i < ids.size(); i++) {
            keys[1 + 2 * i] = sessionKeys + ids.get(i);
            keys[2 + 2 * i] = sessionKeys + "expires:" + ids.get(i);
            args[2 + i] = serialized(ids.get(i));
        }
        return redis.runForList(TOUCH, keys, args)
                .flatMapIterable(positions -> positions.stream().map(p -> ids.get(Integer.parseInt(p) - 1)).toList());
    }

    private String serialized(Object value) {
        return new String(serializer.serialize(value), StandardCharsets.UTF_8);
    }

    /** A session that ended in the meantime is left alone. */
    private static <S extends Session> Mono<Void> touchLoaded(ReactiveSessionRepository<S> repository, String id, Instant now) {
        return repository.findById(id).flatMap(session -> {
            session.setLastAccessedTime(now);
            return repository.save(session);
        });
    }
}
