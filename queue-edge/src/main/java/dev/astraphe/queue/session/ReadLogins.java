package dev.astraphe.queue.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContext;

/**
 * Logins already read, by the exact JSON they were stored as. A shopper waiting in line sends the same stored
 * login with every join and page, and turning it back into objects (Jackson, the allow-list, the typed
 * deserializers) was the largest single cost of a join after the network. The JSON is the whole login: a changed
 * one (new roles, a new login) is another key and is read afresh, and whether the session still exists and is
 * still live is decided from Redis on every request before this is asked.
 *
 * <p>queue-edge never changes a login it read (it logs nobody in or out and never saves the context), so
 * requests of one session may share the objects. Bounded: when full it starts again empty, which costs one read
 * per shopper and never serves a wrong login.
 */
final class ReadLogins {

    static final int DEFAULT_CAPACITY = 20_000;

    private final ConcurrentHashMap<String, SecurityContext> byJson = new ConcurrentHashMap<>();
    private final int capacity;

    ReadLogins(int capacity) {
        this.capacity = capacity;
    }

    /** The login stored as {@code json}, read with {@code read} unless it was read before; null if it is none. */
    @Nullable SecurityContext get(String json, Function<String, @Nullable SecurityContext> read) {
        SecurityContext known = byJson.get(json);
        if (known != null) {
            return known;
        }
        SecurityContext context = read.apply(json);
        if (context != null) {
            if (byJson.size() >= capacity) {
                byJson.clear();
            }
            byJson.put(json, context);
        }
        return context;
    }

    int size() {
        return byJson.size();
    }
}
