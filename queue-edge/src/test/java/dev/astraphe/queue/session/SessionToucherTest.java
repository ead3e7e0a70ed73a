package dev.astraphe.queue.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.WaitingRoomContext;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository.RedisSession;

/** Touches asked for during requests reach the stored sessions, and never bring an ended one back. */
@WaitingRoomContext
class SessionToucherTest {

    @Autowired SessionToucher toucher;
    @Autowired ReactiveRedisIndexedSessionRepository sessions;
    @Autowired ReactiveStringRedisTemplate redis;

    @Test
    void anAskedForSessionGetsANewLastAccessTimeAndExpiry() {
        RedisSession session = stored(Instant.now().minus(Duration.ofHours(1)));
        Instant expiryBefore = expiry(session.getId());

        toucher.touch(session.getId());
        toucher.touch(session.getId());
        toucher.flush();

        assertThat(sessions.findById(session.getId()).block().getLastAccessedTime())
                .isAfter(Instant.now().minus(Duration.ofSeconds(30)));
        assertThat(expiry(session.getId())).isAfter(expiryBefore.plus(Duration.ofMinutes(55)));
    }

    @Test
    void aSessionThatEndedBeforeItsTouchStaysEnded() {
        RedisSession session = stored(Instant.now().minus(Duration.ofHours(1)));
        toucher.touch(session.getId());
        sessions.deleteById(session.getId()).block();

        toucher.flush();

        assertThat(sessions.findById(session.getId()).blockOptional()).isEmpty();
        assertThat(redis.hasKey("astraphe:session:sessions:" + session.getId()).block()).isFalse();
    }

    /** When the repository's expirations set has the session end (written with the session serializer). */
    private Instant expiry(String sessionId) {
        Double score = sessions.getSessionRedisOperations().opsForZSet().score("astraphe:session:sessions:expirations", sessionId).block();
        assertThat(score).isNotNull();
        return Instant.ofEpochMilli(score.longValue());
    }

    private RedisSession stored(Instant lastAccessed) {
        RedisSession session = sessions.createSession().block();
        session.setAttribute("note", "x");
        session.setLastAccessedTime(lastAccessed);
        session.setMaxInactiveInterval(Duration.ofHours(2));
        sessions.save(session).block();
        return session;
    }
}
