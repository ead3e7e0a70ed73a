package dev.astraphe.queue.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.astraphe.queue.WaitingRoomContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.types.RedisClientInfo;
import org.springframework.security.core.context.SecurityContextImpl;

/**
 * Known logins are forgotten the moment Redis reports a change to their session, are never used past their session's
 * life, and are all forgotten when Redis's reports may have been missed.
 */
@WaitingRoomContext
class KnownSessionsTest {

    private static final String SESSIONS = "astraphe:session:sessions:";

    @Autowired KnownSessions known;
    @Autowired ReactiveStringRedisTemplate redis;

    private final long now = System.currentTimeMillis();

    @BeforeEach
    void listening() {
        await().atMost(Duration.ofSeconds(10)).until(known::listening);
    }

    @Test
    void aSessionIsForgottenWhenItsKeysAreDeletedExpireAreRenamedOrSavedAndOnlyThen() {
        for (String id : new String[] {"deleted", "expired", "renamed", "saved", "other"}) {
            redis.opsForHash().put(SESSIONS + id, "lastAccessedTime", Long.toString(now)).block();
            known.put(id, live(), known.mark());
        }

        redis.delete(SESSIONS + "expires:deleted").block(); // nothing to delete: no event
        redis.opsForValue().set(SESSIONS + "expires:deleted", "").block();
        redis.delete(SESSIONS + "expires:deleted").block(); // what a logout or a revocation does
        redis.opsForValue().set(SESSIONS + "expires:expired", "", Duration.ofMillis(1)).block();
        redis.rename(SESSIONS + "renamed", SESSIONS + "renamed-to").block(); // a new session id
        redis.expire(SESSIONS + "saved", Duration.ofHours(2)).block(); // what every save of a session does
        redis.opsForValue().set("astraphe:q:{1}:unrelated", "", Duration.ofMillis(1)).block();
        redis.delete("astraphe:sessionsx:other").block();

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(known.get("deleted", now)).isNull();
            assertThat(known.get("expired", now)).isNull();
            assertThat(known.get("renamed", now)).isNull();
            assertThat(known.get("saved", now)).isNull();
        });
        assertThat(known.get("other", now)).isNotNull();
    }

    @Test
    void aReadDuringWhichAnEventNamedItsSessionIsNotKept() {
        long since = known.mark();
        known.ended(SESSIONS + "expires:crossed");
        known.ended(SESSIONS + "someone-else");
        known.put("crossed", live(), since);
        known.put("clean", live(), since);

        assertThat(known.get("crossed", now)).isNull();
        assertThat(known.get("clean", now)).as("another session's event").isNotNull();
    }

    @Test
    void aReadOlderThanTheEventsStillRememberedIsNotKept() {
        long since = known.mark();
        for (int i = 0; i < 2100; i++) {
            known.ended(SESSIONS + "expires:busy-" + i);
        }
        known.put("slow", live(), since);
        assertThat(known.get("slow", now)).isNull();

        known.put("prompt", live(), known.mark());
        assertThat(known.get("prompt", now)).isNotNull();
    }

    @Test
    void anEntryIsUsedOnlyWhileItsSessionIsLiveAndNoLongerThanTheMaximumAge() {
        long gen = known.mark();
        known.put("idle", new KnownSessions.Known(new SecurityContextImpl(), now - 31_000, 30_000, now), gen);
        known.put("old", new KnownSessions.Known(new SecurityContextImpl(), now, 7_200_000, now - Duration.ofMinutes(6).toMillis()), gen);
        known.put("touched", new KnownSessions.Known(new SecurityContextImpl(), now - 29_000, 30_000, now), gen);

        assertThat(known.get("idle", now)).as("past its idle timeout").isNull();
        assertThat(known.get("old", now)).as("read longer ago than the maximum age").isNull();
        assertThat(known.get("touched", now)).isNotNull();
        assertThat(known.get("touched", now + 2_000)).as("its idle timeout passes while it is known").isNull();
    }

    @Test
    void aDroppedConnectionForgetsEveryLoginUntilEventsAreSeenAgain() {
        known.put("before-drop", live(), known.mark());
        long readBeforeDrop = known.mark();
        assertThat(known.get("before-drop", now)).isNotNull();

        // the client subscribes again by itself: what Redis published meanwhile is lost, and nothing errs
        dropSubscribers();

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(known.get("before-drop", now)).isNull());
        await().atMost(Duration.ofSeconds(10)).until(known::listening);
        known.put("read-across-the-drop", live(), readBeforeDrop);
        assertThat(known.get("read-across-the-drop", now)).as("a read begun before the drop").isNull();
        known.put("after-drop", live(), known.mark());
        assertThat(known.get("after-drop", now)).isNotNull();
    }

    /** A probe's event that was on its way when the connection dropped proves nothing about what was lost since. */
    @Test
    void onlyAProbeWrittenAfterADropCountsAsEventsArrivingAgain() {
        long written = known.probesWritten();
        known.dropped("test drop");
        assertThat(known.listening()).isFalse();

        known.ended(known.probeKey(written));
        assertThat(known.listening()).as("a probe written before the drop").isFalse();
        known.put("after-old-probe", live(), known.mark());
        assertThat(known.get("after-old-probe", now)).isNull();

        await().atMost(Duration.ofSeconds(5)).until(known::listening); // the next heartbeat's probe
        assertThat(known.probesWritten()).isGreaterThan(written);
    }

    @Test
    void aSubscriptionThatFallsSilentForgetsEveryLoginUntilEventsAreSeenAgain() {
        known.put("before-silence", live(), known.mark());
        // the connection stays up, but nothing is published any more: only the heartbeat's silence tells
        withoutKeyEvents(() -> {
            assertThat(known.get("before-silence", now)).isNull();
            known.put("during-silence", live(), known.mark());
            assertThat(known.get("during-silence", now)).as("nothing is kept while events are not seen").isNull();
        });
        await().atMost(Duration.ofSeconds(10)).until(known::listening);
        known.put("after-silence", live(), known.mark());
        assertThat(known.get("after-silence", now)).isNotNull();
    }

    /** Redis reports no key event for a flush (FLUSHDB, FLUSHALL, SWAPDB): the instance's marker key going tells. */
    @Test
    void aFlushOfRedisForgetsEveryLoginUntilEventsAreSeenAgain() {
        // subscribed again while the marker is still there (as after events fell silent): the new subscription's
        // first heartbeat finds it present, and must still take its loss later for a flush
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.hasKey(known.canaryKey()).block());
        withoutKeyEvents(() -> { });
        await().atMost(Duration.ofSeconds(10)).until(known::listening);
        known.put("before-flush", live(), known.mark());
        assertThat(known.get("before-flush", now)).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.hasKey(known.canaryKey()).block());

        redis.execute(connection -> connection.serverCommands().flushDb()).blockLast();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(known.get("before-flush", now)).isNull());
        await().atMost(Duration.ofSeconds(10)).until(known::listening);
        known.put("after-flush", live(), known.mark());
        assertThat(known.get("after-flush", now)).isNotNull();
    }

    /**
     * Turns Redis's key events off until the instance has taken the silence for lost events (its subscription ends and
     * is made again), runs {@code during}, and turns them back on.
     */
    private void withoutKeyEvents(Runnable during) {
        String setting = redis.execute(connection -> connection.serverCommands().getConfig("notify-keyspace-events"))
                .blockLast().getProperty("notify-keyspace-events");
        try {
            redis.execute(connection -> connection.serverCommands().setConfig("notify-keyspace-events", "")).blockLast();
            await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(known.listening()).isFalse());
            during.run();
        } finally {
            redis.execute(connection -> connection.serverCommands().setConfig("notify-keyspace-events", setting)).blockLast();
        }
    }

    /** Closes the key-event subscribers' connections on Redis's side. */
    private void dropSubscribers() {
        List<RedisClientInfo> subscribers = redis.execute(connection -> connection.serverCommands().getClientList())
                .filter(client -> client.get("flags").contains("P")).collectList().block();
        assertThat(subscribers).isNotEmpty();
        for (RedisClientInfo subscriber : subscribers) {
            String[] address = subscriber.getAddressPort().split(":");
            redis.execute(connection -> connection.serverCommands().killClient(address[0], Integer.parseInt(address[1]))).blockLast();
        }
    }

    private KnownSessions.Known live() {
        return new KnownSessions.Known(new SecurityContextImpl(), now, 7_200_000, now);
    }
}
