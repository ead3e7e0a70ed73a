package dev.astraphe.queue.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import reactor.core.publisher.Mono;

/**
 * Spring Session saves a session after every request only to move its last-access time, and the indexed Redis
 * repository spends seven commands on that save (hash, two expiries, the expiry marker, the principal index, the
 * expirations set), each a round trip, on every join of the waiting room. With a two-hour timeout, moving the
 * last-access time once every {@code interval} changes nothing anybody can notice: a session idles out at most
 * that much earlier. This repository saves a session only when something else changed (attributes, id, timeout,
 * a new session) or when its stored last-access time is at least {@code interval} old.
 */
final class TouchThrottlingSessionRepository<S extends Session>
        implements ReactiveSessionRepository<TouchThrottlingSessionRepository.ThrottledSession<S>> {

    private final ReactiveSessionRepository<S> sessions;
    private final Duration interval;

    TouchThrottlingSessionRepository(ReactiveSessionRepository<S> sessions, Duration interval) {
        this.sessions = sessions;
        this.interval = interval;
    }

    @Override
    public Mono<ThrottledSession<S>> createSession() {
        return sessions.createSession().map(session -> new ThrottledSession<>(session, interval, true));
    }

    @Override
    public Mono<Void> save(ThrottledSession<S> session) {
        if (!session.changed) {
            return Mono.empty();
        }
        return sessions.save(session.session).doOnSuccess(done -> session.changed = false);
    }

    @Override
    public Mono<ThrottledSession<S>> findById(String id) {
        return sessions.findById(id).map(session -> new ThrottledSession<>(session, interval, false));
    }

    @Override
    public Mono<Void> deleteById(String id) {
        return sessions.deleteById(id);
    }

    /** A stored session whose last-access time only reaches it when it is {@code interval} old or anything else changes. */
    static final class ThrottledSession<S extends Session> implements Session {

        private final S session;
        private final Duration interval;
        private boolean changed;
        private @Nullable Instant pendingAccess;

        ThrottledSession(S session, Duration interval, boolean changed) {
            this.session = session;
            this.interval = interval;
            this.changed = changed;
        }

        /** Something will be saved: the last-access time held back goes with it. */
        private void change() {
            if (pendingAccess != null) {
                session.setLastAccessedTime(pendingAccess);
                pendingAccess = null;
            }
            changed = true;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            pendingAccess = lastAccessedTime;
            if (changed || Duration.between(session.getLastAccessedTime(), lastAccessedTime).compareTo(interval) >= 0) {
                change();
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return pendingAccess != null ? pendingAccess : session.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public String changeSessionId() {
            change();
            return session.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return session.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return session.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            change();
            session.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            change();
            session.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return session.getCreationTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration maxInactiveInterval) {
            change();
            session.setMaxInactiveInterval(maxInactiveInterval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return session.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return session.isExpired();
        }
    }
}
