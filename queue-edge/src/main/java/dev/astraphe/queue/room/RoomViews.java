package dev.astraphe.queue.room;

import dev.astraphe.queue.room.RoomView.Kind;
import dev.astraphe.queue.schedule.SaleSchedule;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Turns a schedule, the cached queue and a ticket into what the shopper sees, and picks the next poll interval. */
@Component
class RoomViews {

    static final int HIDDEN_TAB_POLL_SECONDS = 30;

    private final RoomProperties properties;

    RoomViews(RoomProperties properties) {
        this.properties = properties;
    }

    /**
     * The state that ends the wait of shoppers holding a place, if any. Hiding a sale does not: admissions stop (the
     * ticks skip it) and its waiting shoppers are told the queue is paused and keep polling, so that showing it again
     * finds them still there and in order. Told it had ended, they would stop polling, and be admitted unseen or
     * dropped when it came back. A sale cancelled or stopped is "called off", as the storefront says, whether or not
     * its window has closed since: it did not run its course.
     */
    Optional<Kind> closedToPlaceHolders(SaleSchedule sale, QueueSnapshot queue, long now) {
        if (sale.isCancelled() || sale.isStopped() || "STOPPED".equals(queue.state())) {
            return Optional.of(Kind.CALLED_OFF);
        }
        if (!sale.isScheduled() || sale.hasEndedAt(Instant.ofEpochMilli(now))) {
            return Optional.of(Kind.ENDED);
        }
        return queue.soldOut() ? Optional.of(Kind.SOLD_OUT) : Optional.empty();
    }

    /**
     * A shopper without a place: come back later, or join now. A hidden sale is, to them, what its product is in the
     * storefront: not there (neither "ended", which it may not be, nor its name).
     */
    RoomView entrance(SaleSchedule sale, QueueSnapshot queue, long now) {
        if (sale.hidden()) {
            return RoomView.simple(Kind.NOT_FOUND, sale.productId(), "");
        }
        Optional<Kind> closed = closedToPlaceHolders(sale, queue, now);
        if (closed.isPresent()) {
            return simple(closed.get(), sale);
        }
        long opens = opens(sale, queue);
        if (now < opens) {
            return tooEarly(sale, opens);
        }
        return with(Kind.ENTERING, sale, 0, 0, 0, 0, 0);
    }

    /**
     * The answer to a join the line refused as too early: come back when it takes the shopper. Never the entrance's
     * "entering", which joins again at once: a cached queue a moment behind Redis's (the draw just done) would have
     * the page ask again and again.
     */
    RoomView tooEarly(SaleSchedule sale, QueueSnapshot queue, long now) {
        long opens = opens(sale, queue);
        return tooEarly(sale, opens > now ? opens : sale.saleStartsAt().toEpochMilli());
    }

    /** When a newcomer may join: the pre-queue's opening, or the start of a sale postponed after its draw. */
    private long opens(SaleSchedule sale, QueueSnapshot queue) {
        long start = sale.saleStartsAt().toEpochMilli();
        return queue.drawnBefore(start) ? start : start - properties.prequeueWindow().toMillis();
    }

    /** "Come back at": the countdown runs to the pre-queue's opening (or the start), not to the sale. */
    private static RoomView tooEarly(SaleSchedule sale, long at) {
        return new RoomView(Kind.TOO_EARLY, sale.productId(), sale.productName(), 0, 0, 0, 0, 0, at);
    }

    /** A shopper holding a ticket that the line has not passed yet. */
    RoomView waiting(SaleSchedule sale, QueueSnapshot queue, Ticket ticket, long now, boolean hidden, long from) {
        Optional<Kind> closed = closedToPlaceHolders(sale, queue, now);
        if (closed.isPresent()) {
            return simple(closed.get(), sale);
        }
        if (ticket.inPrequeue()) {
            return with(Kind.PREQUEUE, sale, 0, 0, 0, 0, hidden ? HIDDEN_TAB_POLL_SECONDS : 10);
        }
        long ahead = queue.ahead(ticket.sequence());
        int batch = Math.max(1, sale.admissionBatchSize());
        Kind kind = "PAUSED".equals(queue.state()) || sale.hidden() ? Kind.PAUSED : queue.allHeld() ? Kind.ALL_HELD : Kind.WAITING;
        // admitted by the tick that reaches them: the next one, and one more for every N ahead. While the queue is
        // paused or every unit is held nobody is admitted, and nobody can say when that ends: no figure then
        long wait = kind == Kind.WAITING ? wait(sale, ahead / batch, now) : RoomView.WAIT_UNKNOWN;
        // the progress bar's start: as the page's last poll had it, else as the ticket was issued (a reload), else now
        long start = from > 0 ? from : ticket.aheadAtIssue() > 0 ? ticket.aheadAtIssue() : ahead;
        int progress = start <= 0 ? 100 : (int) Math.max(0, Math.min(100, (start - ahead) * 100 / start));
        return with(kind, sale, ahead, wait, progress, start, hidden ? HIDDEN_TAB_POLL_SECONDS : pollSeconds(ahead / batch));
    }

    /** Seconds until the tick that admits a shopper with {@code ticksAhead} whole batches ahead of them. */
    static long wait(SaleSchedule sale, long ticksAhead, long now) {
        long start = sale.admissionStartsAt().toEpochMilli();
        long interval = Math.max(1, sale.admissionIntervalSeconds()) * 1000L;
        long next = now <= start ? start : Ticks.tickAt(sale, now) + interval;
        return (next - now + ticksAhead * interval + 999) / 1000;
    }

    /** Faster near the front, slower far back; always well within the grace period. */
    static int pollSeconds(long batchesAhead) {
        if (batchesAhead < 2) {
            return 2;
        }
        if (batchesAhead < 20) {
            return 5;
        }
        return batchesAhead < 100 ? 10 : 20;
    }

    RoomView simple(Kind kind, SaleSchedule sale) {
        return with(kind, sale, 0, 0, 0, 0, 0);
    }

    private RoomView with(Kind kind, SaleSchedule sale, long ahead, long wait, int progress, long from, int poll) {
        long starts = sale.saleStartsAt().toEpochMilli();
        return new RoomView(kind, sale.productId(), sale.productName(), ahead, wait, progress, from, poll, starts);
    }
}
