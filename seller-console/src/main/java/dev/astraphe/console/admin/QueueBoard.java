package dev.astraphe.console.admin;

import dev.astraphe.console.web.NotFoundException;
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
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
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
            rows.add(row(product, now, true));
        }
        for (Product product : upcoming.getContent()) {
            rows.add(row(product, now, true));
        }
        long more = underWay.getTotalElements() - underWay.getNumberOfElements()
                + upcoming.getTotalElements() - upcoming.getNumberOfElements();
        return new Board(rows, more);
    }

    private static boolean started(Product product, Instant now) {
        return !product.getSaleStartsAt().isAfter(now);
    }

    QueueRow row(long productId) {
        return products.findById(productId).map(p -> row(p, clock.instant(), true))
                .orElseThrow(() -> new java.util.NoSuchElementException("no product " + productId));
    }

    /** A queue's figures, and the board's charts of its last hour if {@code charted} (else {@code null}). */
    private QueueRow row(Product product, Instant now, boolean charted) {
        long id = product.getId();
        Map<Object, Object> stats = redis.opsForHash().entries(QueueKeys.stats(id));
        Map<Object, Object> sale = redis.opsForHash().entries(QueueKeys.sale(id));
        Map<Object, Object> control = redis.opsForHash().entries(QueueKeys.control(id));
        Object state = control.get(QueueKeys.CONTROL_STATE);
        // a stop is the sale's own status too, and outlives the waiting room (removed an hour after the stop)
        String shown = product.getSaleStatus() == SaleStatus.STOPPED ? QueueControls.QueueState.STOPPED.name()
                : state == null ? "RUNNING" : state.toString();
        return new QueueRow(id, product.getName(), product.getSaleStartsAt(), started(product, now), shown, product.isHidden(),
                number(stats, QueueKeys.STAT_WAITING), number(stats, QueueKeys.STAT_JOINED),
                number(stats, QueueKeys.STAT_ADMITTED), number(stats, QueueKeys.STAT_DROPPED),
                sale.containsKey("available") ? number(sale, "available") : product.availableStock(),
                "1".equals(sale.get("soldOut")), allHeld(id, sale, now),
                charted ? chart(id, number(stats, QueueKeys.STAT_SINCE), now) : null, admitNow(control));
    }

    /** The admins' count queue-edge has not taken yet, and what it made of the last one it took. */
    private static AdmitNow admitNow(Map<Object, Object> control) {
        Object result = control.get(QueueKeys.CONTROL_ADMIT_NOW_RESULT);
        AdmitNow.Outcome last = null;
        if (result != null) {
            String[] parts = result.toString().split(":");
            try {
                last = new AdmitNow.Outcome(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2],
                        Instant.ofEpochMilli(Long.parseLong(parts[3])));
            } catch (RuntimeException e) {
                last = null; // not as queue-edge writes it: nothing to say rather than a wrong figure
            }
        }
        return new AdmitNow(Math.max(0, number(control, QueueKeys.CONTROL_ADMIT_NOW)), last);
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
        return Chart.of(history(productId, since, Window.lastHour(now.getEpochSecond())), since, now.getEpochSecond());
    }

    /** The minutes of the waiting room begun at {@code since} ({@code QueueKeys.STAT_SINCE}) that {@code window} reads. */
    private List<Minute> history(long productId, long since, Window window) {
        // up to the newest: a minute written by a clock a little ahead of this one's counts as the window's last
        var members = redis.opsForZSet().rangeByScore(QueueKeys.history(productId), window.readFrom(), Double.POSITIVE_INFINITY);
        List<Minute> minutes = new ArrayList<>();
        if (members != null) {
            for (String member : members) {
                Minute minute = minute(member);
                if (minute.since() == since) { // else the product's sale before: its waiting room and figures are gone
                    minutes.add(minute);
                }
            }
        }
        return minutes;
    }

    private static Minute minute(String member) {
        JsonNode node = JSON.readTree(member);
        return new Minute(node.path("minute").asLong(), node.path("waiting").asLong(), node.path("joined").asLong(),
                node.path("admitted").asLong(), node.path("dropped").asLong(), node.path("since").asLong(0));
    }

    /** What a queue's own page charts: the last hour, or the whole waiting room. */
    enum Span { HOUR, ROOM }

    /** The chart of a queue's own page. */
    static final int WIDE = 720;
    static final int TALL = 120;

    /**
     * A product's waiting room: its figures and its chart over {@code span}, up to now while its sale goes on, else up
     * to the room's last minute, while its history is kept (48 hours; the room measured last once its figures, which
     * name it, are gone an hour after the sale). The whole room is charted from its first minute (the history is
     * written from the pre-queue window on, the room named when the schedule arrived, often days before), as far
     * back as its minutes are kept.
     */
    QueueDetail detail(long productId, Span span) {
        Product product = products.findById(productId).orElseThrow(() -> new NotFoundException("product " + productId));
        Instant now = clock.instant();
        QueueRow row = row(product, now, false);
        String key = QueueKeys.history(productId);
        long since = number(redis.opsForHash().entries(QueueKeys.stats(productId)), QueueKeys.STAT_SINCE);
        boolean over = since == 0 || product.getSaleStatus() == SaleStatus.STOPPED
                || product.getSaleStatus() == SaleStatus.CANCELLED
                || (product.getSaleEndsAt() != null && !product.getSaleEndsAt().isAfter(now));
        long last = now.getEpochSecond() / 60 * 60;
        var newest = redis.opsForZSet().reverseRange(key, 0, 0);
        if (newest != null && !newest.isEmpty()) {
            Minute latest = minute(newest.iterator().next());
            if (since == 0) {
                since = latest.since();
            }
            if (over && latest.since() == since) {
                last = Math.min(last, latest.epochSecond());
            }
        }
        Window window = Window.lastHour(last);
        if (span == Span.ROOM) {
            long longest = last - QueueKeys.HISTORY_LONGEST.toSeconds() + 60;
            window = Window.from(Math.max(firstMinute(key, since, last), longest), last);
        }
        return new QueueDetail(row, Chart.of(history(productId, since, window), since, window, WIDE, TALL), span);
    }

    /** The room's first minute kept: the earliest from the minute it was named ({@code since}), if it is the room's. */
    private long firstMinute(String key, long since, long last) {
        long from = since > 0 ? Math.floorDiv(since, 1000) / 60 * 60 : 0;
        var first = redis.opsForZSet().rangeByScore(key, from, last, 0, 1);
        if (first == null || first.isEmpty()) {
            return last;
        }
        Minute minute = minute(first.iterator().next());
        return minute.since() == since ? minute.epochSecond() : last;
    }

    private static long number(Map<Object, Object> hash, String field) {
        Object value = hash.get(field);
        return value == null ? 0 : Long.parseLong(value.toString());
    }

    /** One minute of a waiting room's history, and the room it measured ({@code since}: 0 if not named). */
    record Minute(long epochSecond, long waiting, long joined, long admitted, long dropped, long since) {

        Minute(long epochSecond, long waiting, long joined, long admitted, long dropped) {
            this(epochSecond, waiting, joined, admitted, dropped, 0);
        }
    }

    record QueueDetail(QueueRow row, Chart chart, Span span) {
    }

    record Board(List<QueueRow> rows, long more) {
    }

    record QueueRow(long productId, String name, Instant startsAt, boolean live, String state, boolean hidden, long waiting,
                    long joined, long admitted, long dropped, long available, boolean soldOut, boolean allHeld, Chart chart,
                    AdmitNow admitNow) {
    }

    /**
     * An admin's "admit the next N now": {@code pending} asked and not yet taken by queue-edge (it takes a count within
     * a second), and what the last count taken came to ({@code null} if none was).
     */
    record AdmitNow(long pending, @Nullable Outcome last) {

        /** {@code why}: OK, UNITS, SCAN, LINE, SOLD_OUT, ALL_HELD or STOPPED ({@code QueueKeys.CONTROL_ADMIT_NOW_RESULT}). */
        record Outcome(long asked, long admitted, String why, Instant at) {

            private static final Set<String> EXPLAINED = Set.of("UNITS", "SCAN", "LINE", "SOLD_OUT", "ALL_HELD", "STOPPED");

            /** The message saying why fewer were admitted than asked; null if all were, or if the reason is unknown. */
            public @Nullable String reasonKey() {
                return EXPLAINED.contains(why) ? "admin.queues.admit-now.why." + why : null;
            }
        }
    }

    /**
     * Two server-drawn line charts (SVG paths): no chart library, no inline script, so they pass the
     * Content-Security-Policy and refresh with htmx. The waiting line is a level, drawn on its own scale (up to
     * {@code waitingMax}); admitted and dropped are totals in the history, so they are drawn as what each minute added,
     * on a scale of their own (up to {@code perMinuteMax} a minute). Each is a path of one segment per run of
     * consecutive points: a gap stays a gap, and a lone point is a short tick. A point stands for one minute or, over
     * a long span, several ({@link Window}): the most waiting in them, and what a minute added on average.
     */
    record Chart(String waiting, String admitted, String dropped, long waitingMax, long perMinuteMax, int points,
                 Window window) {

        /** The board's sparklines. */
        static final int WIDTH = 240;
        static final int HEIGHT = 32;
        private static final int MINUTE = 60;
        /** A lone point's tick, in the chart's units. */
        private static final double TICK = 4;

        /** The board's sparklines: the last hour up to {@code nowEpochSecond}, a point a minute. */
        static Chart of(List<Minute> minutes, long since, long nowEpochSecond) {
            return of(minutes, since, Window.lastHour(nowEpochSecond), WIDTH, HEIGHT);
        }

        /**
         * The minutes within {@code window}, each placed by its time, of the waiting room begun at {@code since}
         * (epoch millis, 0 if unknown); a minute before the window only serves the first one's difference. A
         * counter's figure for a minute is its rise since the minute before; the room's first minute counts from zero
         * if the room began within it, and a minute with no minute before it, or whose total went down (history across
         * a wipe of Redis: a new start), has none.
         */
        static Chart of(List<Minute> minutes, long since, Window window, int width, int height) {
            List<Minute> sorted = minutes.stream().sorted(java.util.Comparator.comparingLong(Minute::epochSecond)).toList();
            var waiting = new TreeMap<Long, Long>();
            for (Minute m : sorted) {
                if (window.covers(m.epochSecond())) {
                    waiting.merge(window.pointOf(m.epochSecond()), m.waiting(), Math::max);
                }
            }
            List<Point> waitingPoints = waiting.entrySet().stream().map(e -> new Point(e.getKey(), e.getValue())).toList();
            List<Point> admitted = perMinute(sorted, since, window, Minute::admitted);
            List<Point> dropped = perMinute(sorted, since, window, Minute::dropped);
            long waitingMax = max(waitingPoints, 1);
            long perMinuteMax = max(dropped, max(admitted, 1));
            return new Chart(path(waitingPoints, window, waitingMax, width, height),
                    path(admitted, window, perMinuteMax, width, height), path(dropped, window, perMinuteMax, width, height),
                    waitingMax, perMinuteMax, waitingPoints.size(), window);
        }

        /** What each minute added, as the mean of a point's minutes that have a figure. */
        private static List<Point> perMinute(List<Minute> sorted, long since, Window window,
                                             java.util.function.ToLongFunction<Minute> total) {
            var sums = new TreeMap<Long, long[]>();
            Minute before = null;
            for (Minute m : sorted) {
                long value = -1;
                if (before != null && m.epochSecond() - before.epochSecond() == MINUTE) {
                    value = total.applyAsLong(m) - total.applyAsLong(before); // below zero: a new start, no figure
                } else if (since > 0 && Math.floorDiv(since, 1000) / MINUTE * MINUTE == m.epochSecond()) {
                    value = total.applyAsLong(m); // the room began within this minute
                }
                if (value >= 0 && window.covers(m.epochSecond())) {
                    long[] sum = sums.computeIfAbsent(window.pointOf(m.epochSecond()), k -> new long[2]);
                    sum[0] += value;
                    sum[1]++;
                }
                before = m;
            }
            List<Point> points = new ArrayList<>();
            sums.forEach((at, sum) -> points.add(new Point(at, Math.round((double) sum[0] / sum[1]))));
            return points;
        }

        private static long max(List<Point> points, long atLeast) {
            long max = atLeast;
            for (Point p : points) {
                max = Math.max(max, p.value());
            }
            return max;
        }

        /** "M x,y L x,y …", a move at each run's start; a lone point is a tick ending at it. */
        private static String path(List<Point> points, Window window, long max, int width, int height) {
            long first = window.first();
            long span = window.last() - first;
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                double x = Math.clamp((double) (p.epochSecond() - first) * width / span, 0, width);
                double y = height - (double) p.value() * height / max;
                boolean joinsBefore = i > 0 && p.epochSecond() - points.get(i - 1).epochSecond() == window.step();
                boolean joinsAfter = i + 1 < points.size() && points.get(i + 1).epochSecond() - p.epochSecond() == window.step();
                if (joinsBefore) {
                    d.append(String.format(java.util.Locale.ROOT, " L%.1f,%.1f", x, y));
                } else if (joinsAfter) {
                    d.append(String.format(java.util.Locale.ROOT, " M%.1f,%.1f", x, y));
                } else {
                    // a line needs two points to be drawn: a tick, to its left unless at the edge
                    double from = x >= TICK ? x - TICK : x;
                    d.append(String.format(java.util.Locale.ROOT, " M%.1f,%.1f L%.1f,%.1f", from, y, from + TICK, y));
                }
            }
            return d.toString().trim();
        }

        private record Point(long epochSecond, long value) {
        }
    }

    /**
     * What a chart spans: a point every {@code step} seconds (a whole number of minutes) from {@code first} to
     * {@code last} (epoch seconds of minutes). A point at {@code t} stands for the minutes after {@code t - step} up
     * to {@code t}: the last point is the minutes up to {@code last}, whole.
     */
    record Window(long first, long last, long step) {

        /** The most points of a chart of a whole waiting room: a week is a point every 42 minutes. */
        static final int MOST_POINTS = 240;

        /** The hour up to {@code nowEpochSecond}'s minute, a point a minute. */
        static Window lastHour(long nowEpochSecond) {
            long last = nowEpochSecond / 60 * 60;
            return new Window(last - 59 * 60, last, 60);
        }

        /** From the minute {@code opening} to the minute {@code last}, an hour at least, in at most {@link #MOST_POINTS}. */
        static Window from(long opening, long last) {
            long minutes = Math.max(60, (last - opening) / 60 + 1);
            long perPoint = (minutes + MOST_POINTS - 1) / MOST_POINTS;
            long points = (minutes + perPoint - 1) / perPoint;
            return new Window(last - (points - 1) * perPoint * 60, last, perPoint * 60);
        }

        /**
         * Whether the minute at {@code epochSecond} is one of the window's points'. A minute after the last (written by
         * a clock a little ahead of this one's) counts as the last.
         */
        boolean covers(long epochSecond) {
            return epochSecond > first - step;
        }

        /** The point the minute at {@code epochSecond} belongs to (one after the last: the last). */
        long pointOf(long epochSecond) {
            return last - Math.floorDiv(last - Math.min(epochSecond, last), step) * step;
        }

        /** The earliest minute the window reads: the one before its first point's, whose totals their rises need. */
        long readFrom() {
            return first - step;
        }

        // public: the page's template calls these (SpEL finds no other method)
        public long minutesPerPoint() {
            return step / 60;
        }

        /** When the first point's minutes begin. */
        public Instant start() {
            return Instant.ofEpochSecond(first - step + 60);
        }

        /** The last point's minute. */
        public Instant end() {
            return Instant.ofEpochSecond(last);
        }
    }
}
