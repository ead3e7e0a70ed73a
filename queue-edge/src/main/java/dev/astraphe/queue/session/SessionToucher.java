package dev.astraphe.queue.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
 * are loaded and saved through Spring Session, a few at a time, which writes the new access time and its expiry
 * bookkeeping as every other app does. Before, such a request loaded and saved the whole session itself (four more
 * Redis round trips and every attribute decoded), and sessions last touched together went stale together: a minute
 * after a burst of joins, the next burst paid for all of them at once.
 */
@Component
public class SessionToucher {

    private static final Logger log = LoggerFactory.getLogger(SessionToucher.class);
    /** Past this many sessions waiting for their touch, more asks are dropped: their next request asks again. */
    private static final int MAX_PENDING = 100_000;
    private static final int CONCURRENCY = 16;
    /** A pass waits on its scheduler thread; a reply that never comes must not hold it for good. */
    private static final Duration PASS_WAIT = Duration.ofSeconds(10);

    private final ObjectProvider<ReactiveSessionRepository<? extends Session>> sessions;
    private final Clock clock;
    private volatile Set<String> pending = ConcurrentHashMap.newKeySet();

    SessionToucher(ObjectProvider<ReactiveSessionRepository<? extends Session>> sessions, Clock clock) {
        this.sessions = sessions;
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
        ReactiveSessionRepository<? extends Session> repository = sessions.getObject();
        try {
            Flux.fromIterable(batch).flatMap(id -> touch(repository, id, now), CONCURRENCY)
                    .then().block(PASS_WAIT);
        } catch (RuntimeException e) {
            log.warn("Touching {} sessions failed: {}", batch.size(), e.toString());
        }
    }

    /** A session that ended in the meantime is left alone. */
    private static <S extends Session> Mono<Void> touch(ReactiveSessionRepository<S> repository, String id, Instant now) {
        return repository.findById(id).flatMap(session -> {
            session.setLastAccessedTime(now);
            return repository.save(session);
        });
    }
}
