package dev.astraphe.queue.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveMapSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import reactor.core.publisher.Mono;

class TouchThrottlingSessionRepositoryTest {

    private final List<String> saves = new ArrayList<>();
    private final ReactiveMapSessionRepository map = new ReactiveMapSessionRepository(new ConcurrentHashMap<>());
    private final ReactiveSessionRepository<MapSession> counting = new ReactiveSessionRepository<>() {
        public Mono<MapSession> createSession() { return map.createSession(); }
        public Mono<Void> save(MapSession session) { saves.add(session.getId()); return map.save(session); }
        public Mono<MapSession> findById(String id) { return map.findById(id); }
        public Mono<Void> deleteById(String id) { return map.deleteById(id); }
    };
    private final TouchThrottlingSessionRepository<MapSession> sessions =
            new TouchThrottlingSessionRepository<>(counting, Duration.ofMinutes(1));

    private String stored(Instant lastAccessed) {
        MapSession session = map.createSession().block();
        session.setLastAccessedTime(lastAccessed);
        session.setAttribute("user", "minji");
        map.save(session).block();
        return session.getId();
    }

    @Test
    void aRecentSessionIsNotSavedForTheLastAccessTimeAlone() {
        Instant stored = Instant.now().minusSeconds(20);
        String id = stored(stored);

        var session = sessions.findById(id).block();
        session.setLastAccessedTime(Instant.now());
        sessions.save(session).block();

        assertThat(saves).isEmpty();
        assertThat(map.findById(id).block().getLastAccessedTime()).isEqualTo(stored);
        assertThat(session.getLastAccessedTime()).isAfter(stored);
    }

    @Test
    void anOldEnoughLastAccessTimeIsSaved() {
        String id = stored(Instant.now().minusSeconds(61));

        var session = sessions.findById(id).block();
        Instant now = Instant.now();
        session.setLastAccessedTime(now);
        sessions.save(session).block();

        assertThat(saves).containsExactly(id);
        assertThat(map.findById(id).block().getLastAccessedTime()).isEqualTo(now);
    }

    @Test
    void anyOtherChangeIsSavedWithTheLastAccessTimeItWasGiven() {
        String id = stored(Instant.now().minusSeconds(5));

        var session = sessions.findById(id).block();
        Instant now = Instant.now();
        session.setLastAccessedTime(now);
        session.setAttribute("cart", "1");
        sessions.save(session).block();

        MapSession back = map.findById(id).block();
        assertThat(saves).containsExactly(id);
        assertThat(back.<String>getAttribute("cart")).isEqualTo("1");
        assertThat(back.getLastAccessedTime()).isEqualTo(now);

        var again = sessions.findById(id).block();
        again.removeAttribute("cart");
        sessions.save(again).block();
        assertThat(map.findById(id).block().<String>getAttribute("cart")).isNull();

        var timeout = sessions.findById(id).block();
        timeout.setMaxInactiveInterval(Duration.ofMinutes(3));
        sessions.save(timeout).block();
        assertThat(map.findById(id).block().getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(3));
        assertThat(saves).hasSize(3);
    }

    @Test
    void newSessionsAndChangedIdsAreSaved() {
        var fresh = sessions.createSession().block();
        sessions.save(fresh).block();
        assertThat(map.findById(fresh.getId()).block()).isNotNull();

        String id = stored(Instant.now());
        var session = sessions.findById(id).block();
        String newId = session.changeSessionId();
        sessions.save(session).block();
        assertThat(map.findById(newId).block()).isNotNull();
        assertThat(saves).hasSize(2);
    }
}
