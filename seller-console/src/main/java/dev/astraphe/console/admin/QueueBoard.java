package dev.astraphe.console.admin;

import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    QueueBoard(ProductRepository products, StringRedisTemplate redis) {
        this.products = products;
        this.redis = redis;
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
        return new QueueRow(id, product.getName(), product.getSaleStartsAt(), started(product, now),
                state == null ? "RUNNING" : state.toString(), product.isHidden(),
                number(stats, QueueKeys.STAT_WAITING), number(stats, QueueKeys.STAT_JOINED),
                number(stats, QueueKeys.STAT_ADMITTED), number(stats, QueueKeys.STAT_DROPPED),
                sale.containsKey("available") ? number(sale, "available") : product.availableStock(),
                "1".equals(sale.get("soldOut")), "1".equals(sale.get("allHeld")),
                Chart.of(history(id, number(stats, QueueKeys.STAT_SINCE), now), now.getEpochSecond()));
    }

    /** The minutes of the waiting room begun at {@code since} ({@code QueueKeys.STAT_SINCE}) within the chart's window. */
    private List<Minute> history(long productId, long since, Instant now) {
        // the chart's own window (Chart.of): the hour's minutes up to this one, and none before it
        long from = now.getEpochSecond() / 60 * 60 - (HISTORY_MINUTES - 1) * 60L;
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
     * A small server-drawn line chart (SVG polylines) of the last hour: no chart library, no inline
     * script, so it passes the Content-Security-Policy and refreshes with the htmx row.
     */
    record Chart(String waiting, String admitted, String dropped, long max, int points) {

        static final int WIDTH = 240;
        static final int HEIGHT = 48;

        /** The minutes of the hour up to {@code nowEpochSecond}, each placed by its time (a gap stays a gap). */
        static Chart of(List<Minute> minutes, long nowEpochSecond) {
            long max = 1;
            for (Minute m : minutes) {
                max = Math.max(max, Math.max(m.waiting(), Math.max(m.admitted(), m.dropped())));
            }
            long last = nowEpochSecond / 60 * 60;
            long first = last - (HISTORY_MINUTES - 1) * 60L;
            return new Chart(line(minutes, first, last, max, Minute::waiting), line(minutes, first, last, max, Minute::admitted),
                    line(minutes, first, last, max, Minute::dropped), max, minutes.size());
        }

        private static String line(List<Minute> minutes, long first, long last, long max,
                                   java.util.function.ToLongFunction<Minute> value) {
            StringBuilder points = new StringBuilder();
            for (Minute m : minutes) {
                double x = Math.clamp((double) (m.epochSecond() - first) * WIDTH / (last - first), 0, WIDTH);
                double y = HEIGHT - (double) value.applyAsLong(m) * HEIGHT / max;
                if (minutes.size() == 1) {
                    // a lone minute: a short dash ending at it, since a line needs two points to be drawn
                    points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", Math.max(0, x - 4), y));
                }
                points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            return points.toString().trim();
        }
    }
}
