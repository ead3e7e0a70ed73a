package dev.astraphe.queue.room;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the waiting-room fragment shows. One record for the page, the join answer and every poll.
 *
 * @param startsAtMillis  the sale start (countdowns; "come back at" for a shopper too early), or 0
 * @param from            people ahead when the shopper joined (the progress bar's 0%)
 */
/** Public only because templates call its methods through SpEL. */
public record RoomView(Kind kind, long productId, String productName, long ahead, long waitSeconds, int progress,
                long from, int pollSeconds, long startsAtMillis) {

    public enum Kind {
        ENTERING, TOO_EARLY, PREQUEUE, WAITING, PAUSED, ALL_HELD, SOLD_OUT, ENDED, CALLED_OFF, REJOIN, SHOPPERS_ONLY,
        NOT_FOUND, ADMITTED;

        /** {@code room-<kind>}, the class the stylesheet colours the state by, whatever the JVM's locale; made once. */
        final String statusClass = "room-" + name().toLowerCase(Locale.ROOT);
    }

    private static final Set<Kind> POLLING = EnumSet.of(Kind.PREQUEUE, Kind.WAITING, Kind.PAUSED, Kind.ALL_HELD);

    static RoomView simple(Kind kind, long productId, String productName) {
        return new RoomView(kind, productId, productName == null ? "" : productName, 0, 0, 0, 0, 0, 0);
    }

    /** The status's class, {@code room-<kind>}: the page's template and the fragment written by hand both use it. */
    public String statusClass() {
        return kind.statusClass;
    }

    /** The sale times' zone: the shop's, whatever the shopper's (the page says so). */
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    /**
     * {@link #startsAtMillis} in Asia/Seoul, for people: the template writes it in the reader's language, as the
     * storefront does (formatted only where a page shows it, not on every poll).
     */
    public ZonedDateTime startsAtSeoul() {
        return Instant.ofEpochMilli(startsAtMillis).atZone(SEOUL);
    }

    public boolean polls() {
        return POLLING.contains(kind);
    }

    public boolean entering() {
        return kind == Kind.ENTERING;
    }

    /** Message key of the sale state line. */
    public String stateKey() {
        return "room.state." + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** {@link #waitSeconds} when nobody can say: the queue is paused, or every unit is held. */
    static final long WAIT_UNKNOWN = -1;

    public long waitMinutes() {
        return (waitSeconds + 59) / 60;
    }

    /**
     * Whether the wait is known to end within a minute: said so ("under a minute"), not rounded up to "about 1 min"
     * for a shopper the next tick admits in a few seconds.
     */
    public boolean waitUnderAMinute() {
        return waitSeconds >= 0 && waitSeconds < 60;
    }

    /** Whether there is an estimate of the wait to show. */
    public boolean waitKnown() {
        return waitSeconds != WAIT_UNKNOWN;
    }
}
