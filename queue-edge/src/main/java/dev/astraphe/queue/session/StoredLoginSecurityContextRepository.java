package dev.astraphe.queue.session;

import dev.astraphe.queue.QueueRedis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.WebSessionIdResolver;
import reactor.core.publisher.Mono;

/**
 * Where queue-edge's security chain finds the shopper: the login the storefront stored in the shared session,
 * read as three fields of the session's hash (last access, idle timeout, security context) in one {@code HMGET}.
 *
 * <p>queue-edge never logs anyone in or writes the context; it only needs to know who is asking. Going through
 * the web session for that (as {@link WebSessionServerSecurityContextRepository} does) loads the whole hash,
 * decodes every field, builds three session objects and registers a save for the end of the response, on every
 * join at the opening of a sale. A session whose stored last access is one to two {@code touchInterval}s old (by a
 * share that depends on the session) is handed to {@link SessionToucher}, which moves the access time within a
 * second, off the request path (so the session does not idle out while its shopper waits). Anything unusual
 * (several session cookies) takes the regular path. A missing or expired session is no login, exactly as the
 * regular path would find it. A login read once is not parsed again while its stored JSON is unchanged
 * ({@link ReadLogins}), and a live session's login is not read from Redis again until Redis reports a change to the
 * session ({@link KnownSessions}).
 */
public final class StoredLoginSecurityContextRepository implements ServerSecurityContextRepository {

    /** The exchange attribute that holds the login this repository loaded for the request (see {@link #loaded}). */
    private static final String LOADED = StoredLoginSecurityContextRepository.class.getName() + ".loaded";
    private static final String CONTEXT_FIELD = "sessionAttr:"
            + WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME;

    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
    private final QueueRedis redis;
    private final WebSessionIdResolver ids;
    private final RedisSerializer<Object> serializer;
    private final SessionToucher toucher;
    private final String keyPrefix;
    private final long touchIntervalMillis;
    private final Clock clock;
    private final ReadLogins readLogins = new ReadLogins(ReadLogins.DEFAULT_CAPACITY);
    private final KnownSessions knownSessions;

    public StoredLoginSecurityContextRepository(QueueRedis redis, WebSessionIdResolver ids, RedisSerializer<Object> serializer,
                                                SessionToucher toucher, KnownSessions knownSessions, String namespace,
                                                Duration touchInterval, Clock clock) {
        this.redis = redis;
        this.ids = ids;
        this.serializer = serializer;
        this.toucher = toucher;
        this.knownSessions = knownSessions;
        this.keyPrefix = namespace + ":sessions:";
        this.touchIntervalMillis = touchInterval.toMillis();
        this.clock = clock;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, @Nullable SecurityContext context) {
        return sessions.save(exchange, context);
    }

    /**
     * The login, read once per request however often it is asked for. Spring Security keeps this {@code Mono} in
     * the request's Reactor context and subscribes to it again for every question (the authorization filter asks,
     * and so does {@code getPrincipal()}: a join asks both), and a Lettuce command is sent again on every
     * subscription: without the cache each join read the session from Redis twice. A session this instance already
     * knows to be live answers at once ({@link KnownSessions}).
     */
    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        List<String> sessionIds = ids.resolveSessionIds(exchange);
        if (sessionIds.isEmpty()) {
            return Mono.empty();
        }
        if (sessionIds.size() > 1) {
            return sessions.load(exchange);
        }
        String sessionId = sessionIds.getFirst();
        if (!QueueRedis.ascii(sessionId)) {
            return Mono.empty(); // session ids are ASCII: there is no such session
        }
        long now = clock.millis();
        KnownSessions.Known known = knownSessions.get(sessionId, now);
        if (known != null) {
            if (touchDue(sessionId, known.lastAccess(), now)) {
                toucher.touch(sessionId);
                knownSessions.touched(sessionId, known, now);
            }
            exchange.getAttributes().put(LOADED, known.context());
            return Mono.just(known.context());
        }
        return read(sessionId, exchange).cache();
    }

    /**
     * The login this repository loaded for the request, once the security chain has loaded it: the same object the
     * chain authorized the request with. A handler that runs after the chain reads it here instead of asking the
     * exchange for its principal, which looks the context up through the request's whole Reactor context. Null when
     * nothing was loaded here (no session, several session cookies): ask the exchange then.
     */
    public static @Nullable SecurityContext loaded(ServerWebExchange exchange) {
        return exchange.getAttribute(LOADED);
    }

    private Mono<SecurityContext> read(String sessionId, ServerWebExchange exchange) {
        long since = knownSessions.mark();
        return redis.sessionFields(keyPrefix + sessionId, "lastAccessedTime", "maxInactiveInterval", CONTEXT_FIELD)
                .flatMap(values -> {
                    Long lastAccess = number(values.get(0));
                    Long maxInactiveSeconds = number(values.get(1));
                    if (lastAccess == null || maxInactiveSeconds == null) {
                        return Mono.empty(); // no such session (or not one Spring Session wrote)
                    }
                    long now = clock.millis();
                    if (maxInactiveSeconds >= 0 && now - maxInactiveSeconds * 1000 >= lastAccess) {
                        return Mono.empty(); // expired: Spring Session would not return it either
                    }
                    long lastAccessNow = lastAccess;
                    if (touchDue(sessionId, lastAccess, now)) {
                        toucher.touch(sessionId);
                        lastAccessNow = now;
                    }
                    String stored = values.get(2);
                    SecurityContext context = stored.isEmpty() ? null : readLogins.get(stored, this::context);
                    if (context == null) {
                        return Mono.empty();
                    }
                    knownSessions.put(sessionId, new KnownSessions.Known(context, lastAccessNow, maxInactiveSeconds * 1000, now), since);
                    exchange.getAttributes().put(LOADED, context);
                    return Mono.just(context);
                });
    }

    /**
     * Whether the session's stored last access is old enough to move: {@code touchInterval} plus a share of it that
     * depends on the session, up to twice the interval. Shoppers who arrive together at the opening of a sale would
     * otherwise all be touched in the same second every interval, a burst of session saves that held Redis (and the
     * joins waiting on it) for a moment each minute; spread this way they drift apart.
     */
    private boolean touchDue(String sessionId, long lastAccess, long now) {
        return now - lastAccess >= touchIntervalMillis + Math.floorMod(sessionId.hashCode(), Math.max(touchIntervalMillis, 1));
    }

    /**
     * The stored context. The logins Astraphe stores are {@link SecurityContextImpl}s, read as such in one pass
     * (asked for {@code Object}, the JSON serializer parses the value twice: once for its type, once for it);
     * anything else is read as the serializer would.
     */
    private @Nullable SecurityContext context(String stored) {
        byte[] json = stored.getBytes(StandardCharsets.UTF_8);
        if (serializer instanceof GenericJacksonJsonRedisSerializer typed) {
            try {
                return typed.deserialize(json, SecurityContextImpl.class);
            } catch (SerializationException e) {
                // not a SecurityContextImpl: the general way below
            }
        }
        return serializer.deserialize(json) instanceof SecurityContext c ? c : null;
    }

    /** The indexed repository writes its numbers with the session serializer: plain JSON numbers. */
    private @Nullable Long number(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return serializer.deserialize(value.getBytes(StandardCharsets.UTF_8)) instanceof Number n ? n.longValue() : null;
        }
    }
}
