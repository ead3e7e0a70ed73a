package dev.astraphe.shared.session;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.session.MapSession;
import org.springframework.session.data.redis.RedisSessionMapper;
import reactor.core.publisher.Mono;

/**
 * Reads a session hash that lacks one of the three fields every stored session has as no session at all, where
 * Spring Session's own reading throws.
 *
 * <p>Such a hash is what two apps ending one session at once leave behind. The servlet repository (storefront,
 * console) ends a session by deleting its {@code expires} key and then saving the session with a zero timeout, an
 * {@code HSET} of that one field. queue-edge's reactive repository answers the key's deletion event by deleting the
 * whole hash. When that delete lands between the two, the save recreates the hash with nothing but
 * {@code maxInactiveInterval}, which lives for the five minutes the save gives it. Every request carrying that
 * session's cookie then failed with a 500 ("creationTime key must not be null") in the storefront and the console, and
 * wherever queue-edge loads the session, instead of leading to the login page. Seen once in CI after an admin disabled
 * a shopper; here, once in sixty repetitions of that test.
 */
public final class SessionRemnants {

    static final List<String> REQUIRED = List.of("creationTime", "lastAccessedTime", "maxInactiveInterval");
    private static final RedisSessionMapper MAPPER = new RedisSessionMapper();

    private SessionRemnants() {
    }

    /** The servlet repositories' reading: {@code null} is "no such session". */
    public static @Nullable MapSession read(String sessionId, Map<String, Object> fields) {
        for (String field : REQUIRED) {
            if (fields.get(field) == null) {
                return null;
            }
        }
        return MAPPER.apply(sessionId, fields);
    }

    /** The reactive repository's reading: empty is "no such session". */
    public static Mono<MapSession> readReactive(String sessionId, Map<String, Object> fields) {
        return Mono.fromSupplier(() -> read(sessionId, fields));
    }
}
