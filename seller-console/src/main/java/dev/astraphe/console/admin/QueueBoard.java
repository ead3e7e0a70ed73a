package dev.astraphe.console.admin;

import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.SaleStatus;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The figures of upcoming and live queues, read from the waiting room's Redis keys. */
@Service
class QueueBoard {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int HISTORY_MINUTES = 60;

    private final ProductRepository products;
    private final StringRedisTemplate redis;
    private final Clock clock = Clock.systemUTC();

    /** How long an admission holds a unit when a sale does not say ({@link QueueControls#ADMITTED_HOLD}). */
    private final Duration admittedHold;

    QueueBoard(ProductRepository products, StringRedisTemplate redis,
               @Value(QueueControls.ADMITTED_HOLD) Duration admittedHold) {
        this.products = products;
        this.redis = redis;
        this.admittedHold = admittedHold;
    }

    /** The most sales of each kind (under way, upcoming) the board shows; it says how many more there are. */
    static final int PER_KIND = 100;

    /** Sales under way, the latest start first, then upcoming ones, the soonest first; and how many did not fit. */
    Board board() {
        Instant now = clock.instant();
        Page<Product> underWay = products.findUnderWay(now, PageRequest.of(0, PER_KIND));
        Page<Product> upcoming = products.findUpcoming(now, PageRequest.of(0, PER_KIND));
        List<QueueRow> rows = new ArrayList<>();
        for (Product product : underWay.getContent()) {
            rows.add(row(product, now));
        }
        for (Product product : upcoming.getContent()) {
            rows.add(row(product, now));
        }
        long more = underWay.getTotalElements() - underWay.getNumberOfElements()
                + upcoming.getTotalElements() - upcoming.getNumberOfElements();
        return new Board(rows, more);
    }

    private static boolean started(Product product, Instant now) {
        return !product.getSaleStartsAt().isAfter(now);
    }

    QueueRow row(long productId) {
        return products.findById(productId).map(p -> row(p, clock.instant()))
                .orElseThrow(() -> new java.util.NoSuchElementException("no product " + productId));
    }

    private QueueRow row(Product product, Instant now) {
        long id = product.getId();
        Map<Object, Object> stats = redis.opsForHash().entries(QueueKeys.stats(id));
        Map<Object, Object> sale = redis.opsForHash().entries(QueueKeys.sale(id));
        Object state = redis.opsForHash().get(QueueKeys.control(id), QueueKeys.CONTROL_STATE);
        // a stop is the sale's own status too, and outlives the waiting room (removed an hour after the stop)
        String shown = product.getSaleStatus() == SaleStatus.STOPPED ? QueueControls.QueueState.STOPPED.name()
                : state == null ? "RUNNING" : state.toString();
        return new QueueRow(id, product.getName(), product.getSaleStartsAt(), started(product, now), shown, product.isHidden(),
                number(stats, QueueKeys.STAT_WAITING), number(stats, QueueKeys.STAT_JOINED),
                number(stats, QueueKeys.STAT_ADMITTED), number(stats, QueueKeys.STAT_DROPPED),
                sale.containsKey("available") ? number(sale, "available") : product.availableStock(),
                "1".equals(sale.get("soldOut")), allHeld(id, sale, now),
                chart(id, number(stats, QueueKeys.STAT_SINCE), now));
    }

    /**
     * Whether every unit is held: as the order pipeline says, or by admissions not yet lapsed holding every unit still
     * available, as the waiting room tells its shoppers (nobody is admitted until one lapses).
     */
    private boolean allHeld(long productId, Map<Object, Object> sale, Instant now) {
        if ("1".equals(sale.get("allHeld"))) {
            return true;
        }
        Object units = sale.containsKey("available") ? sale.get("available") : sale.get("totalStock");
        if ("1".equals(sale.get("soldOut")) || units == null) {
            return false;
        }
        // the hold queue-edge counts by, as it wrote it with the sale (this app's setting only before it has)
        Object written = sale.get(QueueKeys.SALE_ADMITTED_HOLD_MS);
        long hold = written != null ? Long.parseLong(written.toString()) : admittedHold.toMillis();
        Long held = redis.opsForZSet().count(QueueKeys.recentAdmissions(productId),
                Math.nextUp((double) (now.toEpochMilli() - hold)), Double.POSITIVE_INFINITY);
        return held != null && held > 0 && held >= Long.parseLong(units.toString());
    }

    private Chart chart(long productId, long since, Instant now) {
        return Chart.of(history(productId, since, now), since, now.getEpochSecond());
    }

    /**
     * The minutes of the waiting room begun at {@code since} ({@code QueueKeys.STAT_SINCE}) within the chart's window,
     * and the minute before it: the counters are totals, and the window's first minute is charted as what it added.
     */
    private List<Minute> history(long productId, long since, Instant now) {
        // the chart's own window (Chart.of): the hour's minutes up to this one, and the one before it
        long from = now.getEpochSecond() / 60 * 60 - HISTORY_MINUTES * 60L;
        var members = redis.opsForZSet().rangeByScore(QueueKeys.history(productId), from, Double.MAX_VALUE);
        List<Minute> minutes = new ArrayList<>();
        if (members != null) {
            for (String member : members) {
                JsonNode node = JSON.readTree(member);
                if (node.path("since").asLong(0) != since) {
                    continue; // the product's sale before: its waiting room and figures are gone
                }
                minutes.add(new Minute(node.path("minute").asLong(), node.path("waiting").asLong(),
                        node.path("joined").asLong(), node.path("admitted").asLong(), node.path("dropped").asLong()));
            }
        }
        return minutes;
    }

    private static long number(Map<Object, Object> hash, String field) {
        Object value = hash.get(field);
        return value == null ? 0 : Long.parseLong(value.toString());
    }

    record Minute(long epochSecond, long waiting, long joined, long admitted, long dropped) {
    }

    record Board(List<QueueRow> rows, long more) {
    }

    record QueueRow(long productId, String name, Instant startsAt, boolean live, String state, boolean hidden, long waiting,
                    long joined, long admitted, long dropped, long available, boolean soldOut, boolean allHeld, Chart chart) {
    }

    /**
     * Two small server-drawn line charts (SVG paths) of the last hour: no chart library, no inline script, so they
     * pass the Content-Security-Policy and refresh with the htmx row. The waiting line is a level, drawn on its own
     * scale (up to {@code waitingMax}); admitted and dropped are totals in the history, so they are drawn as what
     * each minute added, on a scale of their own (up to {@code perMinuteMax} a minute). Each is a path of one segment
     * per run of consecutive minutes: a gap stays a gap, and a lone minute is a short tick.
     */
    record Chart(String waiting, String admitted, String dropped, long waitingMax, long perMinuteMax, int points) {

        static final int WIDTH = 240;
        static final int HEIGHT = 32;
        private static final int MINUTE = 60;

        /**
         * The minutes of the hour up to {@code nowEpochSecond}, each placed by its time, of the waiting room begun at
         * {@code since} (epoch millis, 0 if unknown); a minute before the hour only serves the first one's difference.
         * A counter's figure for a minute is its rise since the minute before; the room's first minute counts from
         * zero if the room began within it, and a minute with no minute before it, or whose total went down (history
         * across a wipe of Redis: a new start), has none.
         */
        static Chart of(List<Minute> minutes, long since, long nowEpochSecond) {
            long last = nowEpochSecond / MINUTE * MINUTE;
            long first = last - (HISTORY_MINUTES - 1) * (long) MINUTE;
            List<Minute> sorted = minutes.stream().sorted(java.util.Comparator.comparingLong(Minute::epochSecond)).toList();
            List<Point> waiting = new ArrayList<>();
            for (Minute m : sorted) {
                if (m.epochSecond() >= first) {
                    waiting.add(new Point(m.epochSecond(), m.waiting()));
                }
            }
            List<Point> admitted = perMinute(sorted, since, first, Minute::admitted);
            List<Point> dropped = perMinute(sorted, since, first, Minute::dropped);
            long waitingMax = max(waiting, 1);
            long perMinuteMax = max(dropped, max(admitted, 1));
            return new Chart(path(waiting, first, last, waitingMax), path(admitted, first, last, perMinuteMax),
                    path(dropped, first, last, perMinuteMax), waitingMax, perMinuteMax, waiting.size());
        }

        private static List<Point> perMinute(List<Minute> sorted, long since, long first,
                                             java.util.function.ToLongFunction<Minute> total) {
            List<Point> points = new ArrayList<>();
            Minute before = null;
            for (Minute m : sorted) {
                long value = -1;
                if (before != null && m.epochSecond() - before.epochSecond() == MINUTE) {
                    value = total.applyAsLong(m) - total.applyAsLong(before); // below zero: a new start, no figure
                } else if (since > 0 && Math.floorDiv(since, 1000) / MINUTE * MINUTE == m.epochSecond()) {
                    value = total.applyAsLong(m); // the room began within this minute
                }
                if (value >= 0 && m.epochSecond() >= first) {
                    points.add(new Point(m.epochSecond(), value));
                }
                before = m;
            }
            return points;
        }

        private static long max(List<Point> points, long atLeast) {
            long max = atLeast;
            for (Point p : points) {
                max = Math.max(max, p.value());
            }
            return max;
        }

        /** "M x,y L x,y …", a move at each run's start; a lone minute is a tick one minute wide ending at it. */
        private static String path(List<Point> points, long first, long last, long max) {
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                double x = Math.clamp((double) (p.epochSecond() - first) * WIDTH / (last - first), 0, WIDTH);
                double y = HEIGHT - (double) p.value() * HEIGHT / max;
                boolean joinsBefore = i > 0 && p.epochSecond() - points.get(i - 1).epochSecond() == MINUTE;
                boolean joinsAfter = i + 1 < points.size() && points.get(i + 1).epochSecond() - p.epochSecond() == MINUTE;
                if (joinsBefore) {
                    d.append(String.format(java.util.Locale.ROOT, " L%.1f,%.1f", x, y));
                } else if (joinsAfter) {
                    d.append(String.format(java.util.Locale.ROOT, " M%.1f,%.1f", x, y));
                } else {
                    // a line needs two points to be drawn: a tick of a minute's width, to its left unless at the edge
                    double from = x >= 4 ? x - 4 : x;
                    d.append(String.format(java.util.Locale.ROOT, " M%.1f,%.1f L%.1f,%.1f", from, y, from + 4, y));
                }
            }
            return d.toString().trim();
        }

        private record Point(long epochSecond, long value) {
        }
    }
}
