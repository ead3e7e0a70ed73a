package dev.astraphe.queue.session;

import io.lettuce.core.event.connection.DisconnectedEvent;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Logins this instance has read from live sessions, kept until Redis says the session ended. At the opening of a sale
 * a shopper loads the waiting room and joins within a second, and joins again on a re-entry: reading the session's
 * hash for each was a Redis round trip per join, most of it on the request's path.
 *
 * <p>A session ends in Redis by a key going away: a logout or a revocation deletes its {@code expires} key (which is
 * what the indexed session repository's own deletion events rest on), an idle timeout expires it, a new session id
 * renames it; and every save of a session sets its keys' expiry again. Redis publishes each as a key event
 * ({@code notify-keyspace-events Egx}, which the shared session already needs); this listens to them and forgets the
 * session the moment one arrives, so whatever changed in it is read afresh. Nothing is cached unless the
 * subscription is up and is seen to deliver: every {@code heartbeat} this instance writes and deletes a probe key
 * of its own, and logins are kept only once the event of a probe written since has come back. A subscription that
 * brings no event at all for {@code silence} (a connection that hung without closing, a server that stopped
 * publishing) is taken as lost, like one that failed; so is any connection of this instance's Redis client dropping,
 * since the client subscribes again by itself and what was published meanwhile is gone. From that moment until the
 * event of a probe written after it comes back, every login is read from Redis as before, and the cache starts
 * empty again. So a lost event can cost at most {@code silence} plus a heartbeat; {@code maxAge}, after which an
 * entry is read afresh anyway, is only a backstop. The idle timeout is checked on every use against the last access
 * this instance knows. A read that was on its way while an event named its session is not kept.
 */
public final class KnownSessions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KnownSessions.class);
    /** Past this many sessions known, the instance starts again empty: one read per shopper, never a wrong login. */
    private static final int CAPACITY = 100_000;
    private static final int PRUNE_EVERY = 1024;
    /** A key deleted, expired, renamed away, or given a new expiry (what every save of a session does). */
    private static final List<PatternTopic> KEY_EVENTS = List.of(PatternTopic.of("__keyevent@*__:del"),
            PatternTopic.of("__keyevent@*__:expired"), PatternTopic.of("__keyevent@*__:rename_from"),
            PatternTopic.of("__keyevent@*__:expire"));

    /** A login as read: the session's idle timeout, the last access known here, when it was read. */
    record Known(SecurityContext context, long lastAccess, long maxInactiveMillis, long readAt) {

        boolean liveAt(long now) {
            return maxInactiveMillis < 0 || now - maxInactiveMillis < lastAccess;
        }
    }

    private final ConcurrentHashMap<String, Known> byId = new ConcurrentHashMap<>();
    /** Key events that named a session, counted; and the latest that named each session lately. */
    private final AtomicLong events = new AtomicLong();
    private final ConcurrentHashMap<String, Long> endedAt = new ConcurrentHashMap<>();
    private volatile long prunedThrough;
    private long pruneMark;
    private final ReactiveRedisConnectionFactory connections;
    private final ClientResources client;
    private final String sessionKeys;
    /** This instance's probe keys: this, then the probe's number. */
    private final String probePrefix;
    /**
     * A key of this instance's, set again on every heartbeat: found missing, the data was flushed (FLUSHDB, FLUSHALL,
     * SWAPDB, a Redis restarted without its data), which Redis reports by no key event at all, so the sessions it
     * removed would otherwise stay known here.
     */
    private final String canaryKey;
    /** Guards the start and end of listening against each other (a probe's event and a drop arrive on two threads). */
    private final Object listeningLock = new Object();
    private final AtomicLong probes = new AtomicLong();
    /** The first probe whose event proves that events arrive again (those written before may predate a loss). */
    private volatile long probesCountFrom;
    private final long maxAgeMillis;
    private final Duration heartbeat;
    private final Duration silence;
    private volatile boolean listening;
    /** Whether the warning that no event comes back was logged since events were last seen. */
    private volatile boolean warnedSilent;
    private volatile @Nullable ReactiveRedisMessageListenerContainer container;
    private volatile @Nullable Disposable subscription;
    private volatile @Nullable Disposable disconnects;

    /**
     * @param connections where the key events come from
     * @param client      the Redis client's resources, whose event bus reports a connection dropping
     * @param namespace   the sessions' key namespace ({@code spring.session.data.redis.namespace})
     * @param maxAge      the longest an entry is used before it is read again; zero never caches
     * @param heartbeat   how often a probe key is written and deleted to see that events arrive
     * @param silence     how long the subscription may bring no event at all before it is taken as lost; longer than
     *                    {@code heartbeat}
     */
    public KnownSessions(ReactiveRedisConnectionFactory connections, ClientResources client, String namespace, Duration maxAge,
                         Duration heartbeat, Duration silence) {
        if (silence.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("silence (" + silence + ") must be longer than the heartbeat (" + heartbeat + ")");
        }
        this.connections = connections;
        this.client = client;
        this.sessionKeys = namespace + ":sessions:";
        // beside the sessions, not among them: the servlet apps' session repositories take a deleted key under
        // "sessions:expires:" for a session that ended, look it up and log a warning that it is not there
        String instance = UUID.randomUUID().toString();
        this.probePrefix = namespace + ":known-sessions-probe:" + instance + ":";
        this.canaryKey = namespace + ":known-sessions-canary:" + instance;
        this.maxAgeMillis = maxAge.toMillis();
        this.heartbeat = heartbeat;
        this.silence = silence;
    }

    /** The login of a session known to be live at {@code now}, or null: then read it from Redis. */
    @Nullable Known get(String sessionId, long now) {
        if (!listening) {
            return null;
        }
        Known known = byId.get(sessionId);
        if (known == null) {
            return null;
        }
        if (now - known.readAt() >= maxAgeMillis || !known.liveAt(now)) {
            byId.remove(sessionId, known);
            return null;
        }
        return known;
    }

    /** Taken before a session is read; {@link #put} keeps the read only if no event named that session meanwhile. */
    long mark() {
        return events.get();
    }

    void put(String sessionId, Known known, long readSince) {
        if (!listening || maxAgeMillis <= 0) {
            return;
        }
        if (byId.size() >= CAPACITY) {
            byId.clear();
        }
        byId.put(sessionId, known);
        Long ended = endedAt.get(sessionId);
        if ((ended != null && ended > readSince) || readSince < prunedThrough) {
            byId.remove(sessionId, known); // the session changed while it was read (or too long ago to tell)
        }
    }

    /** The session's last access moved (a touch was asked for): its idle timeout counts from {@code at}. */
    void touched(String sessionId, Known known, long at) {
        byId.replace(sessionId, known, new Known(known.context(), at, known.maxInactiveMillis(), known.readAt()));
    }

    /** A key event: forget the session it names, if it names one. */
    void ended(String key) {
        if (key.startsWith(probePrefix)) {
            synchronized (listeningLock) {
                // checked and set together: a drop in between would otherwise be overwritten by this older good news
                if (!listening && probe(key) >= probesCountFrom) {
                    // reads begun before events were seen again may have missed one: none of them is kept
                    forgetReadsBefore(events.incrementAndGet());
                    listening = true;
                }
            }
            warnedSilent = false;
            return;
        }
        if (!key.startsWith(sessionKeys)) {
            return;
        }
        String id = key.substring(sessionKeys.length());
        if (id.startsWith("expires:")) {
            id = id.substring("expires:".length());
        }
        long event = events.incrementAndGet();
        endedAt.put(id, event);
        byId.remove(id);
        if (event % PRUNE_EVERY == 0) {
            prune(event);
        }
    }

    /**
     * Forgets which sessions ended more than {@value #PRUNE_EVERY} to twice as many events ago; a read that began
     * before those can no longer be checked and is not kept.
     */
    private void prune(long event) {
        synchronized (endedAt) {
            long through = pruneMark;
            // raised first: a read put between the two steps would otherwise find neither its session's event (being
            // removed) nor the mark that says it is too old to tell
            prunedThrough = Math.max(prunedThrough, through);
            endedAt.values().removeIf(e -> e <= through);
            pruneMark = event;
        }
    }

    /** No read marked before {@code event} is kept from now on. */
    private void forgetReadsBefore(long event) {
        synchronized (endedAt) {
            prunedThrough = Math.max(prunedThrough, event);
        }
    }

    private long probe(String key) {
        try {
            return Long.parseLong(key, probePrefix.length(), key.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Events may have been missed (a connection dropped): forget everything until the event of a probe written from
     * now on is seen (one written before, its event still on its way, proves nothing about what was lost since).
     */
    private void unheard() {
        synchronized (listeningLock) {
            probesCountFrom = probes.get() + 1;
            listening = false;
        }
        forgetReadsBefore(events.incrementAndGet());
        byId.clear();
    }

    /** The data was flushed: no event said which sessions went, so none is known any more. */
    void flushed() {
        if (listening) {
            log.info("Redis's data was flushed (this instance's marker key is gone); known logins are read again");
        }
        unheard();
    }

    /** This instance's marker key, whose disappearance means a flush (see {@link #flushed}). */
    String canaryKey() {
        return canaryKey;
    }

    /** A connection of this instance's Redis client dropped: what was published meanwhile did not arrive. */
    void dropped(Object event) {
        if (listening) {
            log.info("A Redis connection dropped ({}); known logins are read again", event);
        }
        unheard();
    }

    /** The key of this instance's {@code n}th probe. */
    String probeKey(long n) {
        return probePrefix + n;
    }

    /** How many probes this instance has written. */
    long probesWritten() {
        return probes.get();
    }

    /** Whether Redis's key events are being received, and so whether logins are kept. */
    public boolean listening() {
        return listening;
    }

    @Override
    public synchronized void start() {
        if (container != null || maxAgeMillis <= 0) {
            return;
        }
        ReactiveRedisMessageListenerContainer listener = new ReactiveRedisMessageListenerContainer(connections);
        ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(connections);
        container = listener;
        disconnects = client.eventBus().get()
                .filter(event -> event instanceof DisconnectedEvent)
                .subscribe(this::dropped);
        subscription = listener.receiveLater(KEY_EVENTS.toArray(PatternTopic[]::new))
                .doOnNext(messages -> byId.clear())
                // a subscription that ends without an error lost its connection all the same: subscribe again
                .flatMapMany(messages -> messages.concatWith(Mono.error(new IllegalStateException("the subscription ended")))
                        .mergeWith(heartbeat(redis).then(Mono.empty()))
                        // the heartbeat's own events stopped coming: nothing said the connection failed, but it has
                        .timeout(silence, Mono.error(() -> new IllegalStateException("no key event for " + silence))))
                .doOnNext(message -> ended(message.getMessage()))
                .doOnError(this::lost)
                .doFinally(signal -> unheard())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
                .subscribe();
    }

    /**
     * Writes and deletes a numbered probe key of this instance's every {@code heartbeat}, from the moment the
     * subscription is up: logins are kept only once its event has come back, which proves that this Redis publishes
     * key events (a server without {@code notify-keyspace-events} would let a revoked session's login live on here
     * until {@code maxAge}), and its events keep proving that they still arrive.
     */
    private Flux<Void> heartbeat(ReactiveStringRedisTemplate redis) {
        AtomicBoolean canarySet = new AtomicBoolean();
        return Flux.interval(Duration.ZERO, heartbeat)
                .onBackpressureDrop()
                .concatMap(beat -> {
                    String key = probeKey(probes.incrementAndGet());
                    // before the probe: after a flush, only a probe written from then on lets logins be kept again
                    Mono<Void> canary = redis.opsForValue().setGet(canaryKey, "1", Duration.ofHours(1)).hasElement()
                            .doOnNext(present -> {
                                // missing when this subscription had set it: flushed (the first beat only sets it)
                                boolean setBefore = canarySet.getAndSet(true);
                                if (!present && setBefore) {
                                    flushed();
                                }
                            }).then();
                    return canary.then(redis.opsForValue().set(key, "", Duration.ofMinutes(1))).then(redis.delete(key)).then();
                }, 1);
    }

    /** Logged once each time events stop, however often the subscription is tried again before they are back. */
    private void lost(Throwable error) {
        if (listening) {
            log.warn("Session key events lost ({}); logins are read from Redis until they are back", error.toString());
        } else if (!warnedSilent) {
            warnedSilent = true;
            log.warn("No session key event from Redis ({}; is notify-keyspace-events Egx set?): every join reads its "
                    + "session from Redis until events arrive", error.toString());
        }
    }

    @Override
    public synchronized void stop() {
        listening = false;
        byId.clear();
        for (Disposable running : new Disposable[] {subscription, disconnects}) {
            if (running != null) {
                running.dispose();
            }
        }
        ReactiveRedisMessageListenerContainer listener = container;
        if (listener != null) {
            listener.destroyLater().subscribe(null, error -> log.debug("Closing the session key events listener: {}", error.toString()));
        }
        subscription = null;
        disconnects = null;
        container = null;
    }

    @Override
    public boolean isRunning() {
        return container != null;
    }
}
