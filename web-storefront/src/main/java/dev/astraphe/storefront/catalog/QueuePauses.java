package dev.astraphe.storefront.catalog;

import dev.astraphe.shared.queue.QueueKeys;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Which live sales an admin has paused. A pause lives only in the waiting room's control hash (the sale itself goes
 * on: resuming picks up where it stopped), so the home page asks there, in one round trip, for the live products it
 * lists. Without Redis a card says what the database says: the waiting room behind it tells the truth either way.
 */
@Component
public class QueuePauses {

    private static final Logger log = LoggerFactory.getLogger(QueuePauses.class);

    private final StringRedisTemplate redis;

    QueuePauses(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Of these products' ids, the ones whose waiting room is paused. */
    public Set<Long> of(List<Long> productIds) {
        if (productIds.isEmpty()) {
            return Set.of();
        }
        try {
            byte[] field = bytes(QueueKeys.CONTROL_STATE);
            List<Object> states = redis.executePipelined((RedisCallback<Object>) connection -> {
                for (long id : productIds) {
                    connection.hashCommands().hGet(bytes(QueueKeys.control(id)), field);
                }
                return null;
            });
            Set<Long> paused = new HashSet<>();
            for (int i = 0; i < productIds.size(); i++) {
                if ("PAUSED".equals(text(states.get(i)))) {
                    paused.add(productIds.get(i));
                }
            }
            return paused;
        } catch (DataAccessException e) {
            log.warn("Could not read the waiting rooms' pauses; the home page shows live sales as live: {}", e.toString());
            return Set.of();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object state) {
        return state instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : state == null ? null : state.toString();
    }
}
