package dev.astraphe.queue.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.WaitingRoomContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository.RedisSession;

/**
 * Touches asked for during requests reach the stored sessions as a save by Spring Session would write them, and never
 * bring an ended one back.
 */
@WaitingRoomContext
class SessionToucherTest {

    private static final String KEYS = "astraphe:session:sessions:";

    @Autowired SessionToucher toucher;
    @Autowired ReactiveRedisIndexedSessionRepository sessions;
    @Autowired ReactiveStringRedisTemplate redis;

    @Test
    void anAskedForSessionGetsANewLastAccessTimeAndExpiry() {
        RedisSession session = stored(Instant.now().minus(Duration.ofHours(1)), Duration.ofHours(2));
        Instant expiryBefore = expiry(session.getId());

        toucher.touch(session.getId()); // asked for twice before the pass
        touched(session);

        assertThat(sessions.findById(session.getId()).block().getLastAccessedTime())
                .isAfter(Instant.now().minus(Duration.ofSeconds(30)));
        assertThat(expiry(session.getId())).isAfter(expiryBefore.plus(Duration.ofMinutes(55)));
        // the hash outlives the session by five minutes; the expires key (whose expiry ends the session) by nothing
        assertThat(ttl(KEYS + session.getId())).isBetween(Duration.ofMinutes(124), Duration.ofMinutes(125));
        assertThat(ttl(KEYS + "expires:" + session.getId())).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(120));
        assertThat(session.getAttributeNames()).containsExactly("note");
        assertThat((String) sessions.findById(session.getId()).block().getAttribute("note")).isEqualTo("x");
    }

    @Test
    void everySessionOfALargePassIsTouched() {
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        List<RedisSession> many = IntStream.range(0, 2 * SessionToucher.BATCH + 5)
                .mapToObj(i -> stored(hourAgo, Duration.ofHours(2))).toList();

        many.forEach(session -> toucher.touch(session.getId()));
        toucher.flush();

        assertThat(many).allSatisfy(session -> assertThat(sessions.findById(session.getId()).block().getLastAccessedTime())
                .isAfter(Instant.now().minus(Duration.ofSeconds(30))));
    }

    @Test
    void aSessionThatNeverIdlesOutKeepsNoExpiry() {
        RedisSession session = stored(Instant.now().minus(Duration.ofHours(1)), Duration.ofSeconds(-1));
        redis.expire(KEYS + session.getId(), Duration.ofHours(1)).block();

        touched(session);

        assertThat(sessions.findById(session.getId()).block().getLastAccessedTime())
                .isAfter(Instant.now().minus(Duration.ofSeconds(30)));
        assertThat(redis.execute(c -> c.keyCommands().ttl(ByteBuffer.wrap((KEYS + session.getId()).getBytes()))).blockFirst())
                .isEqualTo(-1L); // persisted
        assertThat(redis.hasKey(KEYS + "expires:" + session.getId()).block()).isFalse();
    }

    @Test
    void anIdledOutSessionIsNotBroughtBack() {
        Instant lastAccess = Instant.now().minus(Duration.ofHours(3));
        RedisSession session = stored(lastAccess, Duration.ofHours(2));

        touched(session);

        assertThat(sessions.findById(session.getId()).blockOptional()).isEmpty();
        assertThat(redis.opsForHash().get(KEYS + session.getId(), "lastAccessedTime").block())
                .isEqualTo(Long.toString(lastAccess.toEpochMilli()));
    }

    @Test
    void aLastAccessNewerThanTheTouchStays() {
        Instant later = Instant.now().plus(Duration.ofMinutes(1));
        RedisSession session = stored(later, Duration.ofHours(2));

        touched(session);

        assertThat(sessions.findById(session.getId()).block().getLastAccessedTime()).isEqualTo(later.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aSessionWhoseNumbersTheScriptCannotReadIsTouchedThroughSpringSession() {
        RedisSession session = stored(Instant.now().minus(Duration.ofHours(1)), Duration.ofHours(2));
        // a number as a serializer with type information for every value writes it
        redis.opsForHash().put(KEYS + session.getId(), "lastAccessedTime",
                "[\"java.lang.Long\"," + Instant.now().minus(Duration.ofHours(1)).toEpochMilli() + "]").block();

        touched(session);

        assertThat(redis.opsForHash().get(KEYS + session.getId(), "lastAccessedTime").block()).asString().doesNotStartWith("[");
        assertThat(sessions.findById(session.getId()).block().getLastAccessedTime())
                .isAfter(Instant.now().minus(Duration.ofSeconds(30)));
    }

    @Test
    void aSessionThatEndedBeforeItsTouchStaysEnded() {
        RedisSession session = stored(Instant.now().minus(Duration.ofHours(1)), Duration.ofHours(2));
        toucher.touch(session.getId());
        sessions.deleteById(session.getId()).block();

        toucher.flush();

        assertThat(sessions.findById(session.getId()).blockOptional()).isEmpty();
        assertThat(redis.hasKey(KEYS + session.getId()).block()).isFalse();
        assertThat(redis.hasKey(KEYS + "expires:" + session.getId()).block()).isFalse();
    }

    /** Asks for the session's touch and runs the pass that performs it. */
    private void touched(RedisSession session) {
        toucher.touch(session.getId());
        toucher.flush();
    }

    /** When the repository's expirations set has the session end (written with the session serializer). */
    private Instant expiry(String sessionId) {
        Double score = sessions.getSessionRedisOperations().opsForZSet().score(KEYS + "expirations", sessionId).block();
        assertThat(score).isNotNull();
        return Instant.ofEpochMilli(score.longValue());
    }

    private Duration ttl(String key) {
        return redis.getExpire(key).block();
    }

    private RedisSession stored(Instant lastAccessed, Duration maxInactive) {
        RedisSession session = sessions.createSession().block();
        session.setAttribute("note", "x");
        session.setLastAccessedTime(lastAccessed);
        session.setMaxInactiveInterval(maxInactive);
        sessions.save(session).block();
        return session;
    }
}
