package dev.astraphe.queue.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.queue.room.RoomView.Kind;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a shopper is told: the wait estimate, and when to come back. */
class RoomViewsTest {

    private static final long NOW = 1_800_000_000_000L;
    private final RoomViews views = new RoomViews(new RoomProperties(Duration.ofMinutes(10), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMillis(200), Duration.ofMillis(250), Duration.ofSeconds(1), true,
            Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(30)));

    @Test
    void theFirstInLineWaitsUntilTheFirstTickAndEveryNAheadOneIntervalMore() {
        // admission begins in a minute, then one shopper every 60 s
        SaleSchedule sale = sale(Instant.ofEpochMilli(NOW).minusSeconds(10), Duration.ofSeconds(70), 1, 60);
        assertThat(wait(sale, 0, NOW)).isEqualTo(60);
        assertThat(wait(sale, 2, NOW)).isEqualTo(180);

        // admission under way: ticks at start + k·60 s; 20 s into a tick, the next is 40 s away
        SaleSchedule running = sale(Instant.ofEpochMilli(NOW).minusSeconds(80), Duration.ZERO, 10, 60);
        assertThat(wait(running, 0, NOW)).isEqualTo(40);
        assertThat(wait(running, 9, NOW)).as("the same batch of ten").isEqualTo(40);
        assertThat(wait(running, 10, NOW)).isEqualTo(100);
    }

    @Test
    void aPausedQueueOrOneWithEveryUnitHeldGivesNoEstimate() {
        SaleSchedule sale = sale(Instant.ofEpochMilli(NOW).minusSeconds(80), Duration.ZERO, 10, 60);
        RoomView paused = views.waiting(sale, queue("PAUSED", false), ticket(5), NOW, false, 0);
        RoomView held = views.waiting(sale, queue("RUNNING", true), ticket(5), NOW, false, 0);

        assertThat(paused.kind()).isEqualTo(Kind.PAUSED);
        assertThat(paused.waitKnown()).isFalse();
        assertThat(held.kind()).isEqualTo(Kind.ALL_HELD);
        assertThat(held.waitKnown()).isFalse();
        assertThat(views.waiting(sale, queue("RUNNING", false), ticket(5), NOW, false, 0).waitKnown()).isTrue();
    }

    @Test
    void aSalePostponedAfterItsDrawTellsNewcomersToComeBackAtItsNewStartNotAtAPreQueue() {
        Instant start = Instant.ofEpochMilli(NOW).plus(Duration.ofHours(1));
        SaleSchedule sale = sale(start, Duration.ZERO, 10, 60);
        long inTheWindow = start.toEpochMilli() - Duration.ofMinutes(5).toMillis();

        assertThat(views.entrance(sale, QueueSnapshot.EMPTY, inTheWindow).kind()).isEqualTo(Kind.ENTERING);
        long drawnAt = start.minus(Duration.ofDays(1)).toEpochMilli();
        RoomView drawn = views.entrance(sale, drawnAt(drawnAt), inTheWindow);
        assertThat(drawn.kind()).isEqualTo(Kind.TOO_EARLY);
        assertThat(drawn.startsAtMillis()).isEqualTo(start.toEpochMilli());
        // drawn at this very start (seen a moment early, by a clock behind the drawing instance's): open
        assertThat(views.entrance(sale, drawnAt(start.toEpochMilli()), start.toEpochMilli() - 100).kind())
                .isEqualTo(Kind.ENTERING);
    }

    @Test
    void aJoinRefusedAsTooEarlyIsToldWhenToComeBackNeverToJoinAgainAtOnce() {
        Instant start = Instant.ofEpochMilli(NOW).plus(Duration.ofHours(1));
        SaleSchedule sale = sale(start, Duration.ZERO, 10, 60);
        // the queue as cached a moment before Redis's: the pre-queue looks open, yet the script said too early
        RoomView answer = views.tooEarly(sale, QueueSnapshot.EMPTY, start.toEpochMilli() - 1000);
        assertThat(answer.kind()).isEqualTo(Kind.TOO_EARLY);
        assertThat(answer.startsAtMillis()).isEqualTo(start.toEpochMilli());
        RoomView early = views.tooEarly(sale, QueueSnapshot.EMPTY, NOW);
        assertThat(early.startsAtMillis()).isEqualTo(start.minus(Duration.ofMinutes(10)).toEpochMilli());
    }

    @Test
    void aSaleCancelledOrStoppedIsCalledOffAndOneThatRanItsCourseEnded() {
        Instant start = Instant.ofEpochMilli(NOW).minusSeconds(600);
        SaleSchedule live = sale(start, Duration.ZERO, 10, 60);
        SaleSchedule cancelled = new SaleSchedule(1, 1, "p", 2, start, null, 10, 60, 0, 100, 2, false, SaleSchedule.CANCELLED);
        SaleSchedule stopped = new SaleSchedule(1, 1, "p", 2, start, null, 10, 60, 0, 100, 2, false, SaleSchedule.STOPPED);
        SaleSchedule over = new SaleSchedule(1, 1, "p", 2, start, Instant.ofEpochMilli(NOW - 1), 10, 60, 0, 100, 2, false, "SCHEDULED");
        // cancelled after its window closed: still called off, it did not run its course
        SaleSchedule cancelledLate = new SaleSchedule(1, 1, "p", 2, start, Instant.ofEpochMilli(NOW - 1), 10, 60, 0, 100, 2,
                false, SaleSchedule.CANCELLED);

        assertThat(views.closedToPlaceHolders(live, queue("RUNNING", false), NOW)).isEmpty();
        assertThat(views.closedToPlaceHolders(live, queue("STOPPED", false), NOW)).contains(Kind.CALLED_OFF);
        assertThat(views.closedToPlaceHolders(cancelled, queue("RUNNING", false), NOW)).contains(Kind.CALLED_OFF);
        assertThat(views.closedToPlaceHolders(stopped, queue("RUNNING", false), NOW)).contains(Kind.CALLED_OFF);
        assertThat(views.closedToPlaceHolders(cancelledLate, queue("RUNNING", false), NOW)).contains(Kind.CALLED_OFF);
        assertThat(views.closedToPlaceHolders(over, queue("RUNNING", false), NOW)).contains(Kind.ENDED);
        assertThat(views.waiting(cancelled, queue("RUNNING", false), ticket(5), NOW, false, 0).polls()).isFalse();
    }

    private static QueueSnapshot drawnAt(long start) {
        return new QueueSnapshot(0, 3, true, 3, "RUNNING", false, false, 0, 0, 3, 0, start);
    }

    private long wait(SaleSchedule sale, long ahead, long now) {
        // the line's first place, served up to nobody: "ahead" people before the ticket
        RoomView view = views.waiting(sale, QueueSnapshot.EMPTY, ticket(ahead + 1), now, false, 0);
        assertThat(view.ahead()).isEqualTo(ahead);
        return view.waitSeconds();
    }

    private static Ticket ticket(long position) {
        return new Ticket(1, 7, QueueKeys.LATER_ARRIVALS_OFFSET + position, NOW);
    }

    private static QueueSnapshot queue(String state, boolean allHeld) {
        return new QueueSnapshot(0, 0, false, 10, state, false, allHeld, 0, 0, 10, 0);
    }

    private static SaleSchedule sale(Instant start, Duration delay, int batch, int interval) {
        return new SaleSchedule(1, 1, "p", 1, start, null, batch, interval, (int) delay.toSeconds(), 100, 2, false, "SCHEDULED");
    }
}
