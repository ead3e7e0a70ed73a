package dev.astraphe.storefront.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The product page's product, kept for a moment ({@code astraphe.catalog.view-cache}, 1 s): before a sale every open
 * page asks for its status every few seconds, and ten thousand shoppers waiting for the start would otherwise be three
 * queries each per refresh. A product is never kept past the next instant its state changes by the clock (the
 * waiting room opening, the start, the end); stock, hiding and the seller's changes show within the moment.
 */
@Component
class RecentProductViews {

    /**
     * At most this many products are kept: those of the sales under way or coming up, which are what pages ask for.
     * Past it, the ones kept too long go; if none has, nothing more is kept until some have (a crawler walking
     * product numbers cannot push the busy products out).
     */
    static final int MAX_KEPT = 1_000;

    private final ProductViews views;
    private final long keepMillis;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Kept> kept = new ConcurrentHashMap<>();

    @Autowired
    RecentProductViews(ProductViews views, CatalogProperties properties) {
        this(views, properties, Clock.systemUTC());
    }

    RecentProductViews(ProductViews views, CatalogProperties properties, Clock clock) {
        this.views = views;
        this.keepMillis = properties.viewCache().toMillis();
        this.clock = clock;
    }

    /** As {@link ProductViews#find}, at most a moment old. */
    Optional<ProductView> find(long id) {
        long now = clock.millis();
        Kept known = kept.get(id);
        if (known != null && now < known.until()) {
            return known.view();
        }
        Optional<ProductView> view = views.find(id);
        if (keepMillis > 0 && view.isPresent()) { // a product that is not there is not kept: any number may be asked
            if (kept.size() >= MAX_KEPT) {
                kept.values().removeIf(k -> k.until() <= now);
            }
            if (kept.size() < MAX_KEPT) {
                kept.put(id, new Kept(view, until(view.get(), now)));
            }
        }
        return view;
    }

    private long until(ProductView view, long now) {
        long until = now + keepMillis;
        for (Instant change : new Instant[] {view.queueOpensAt(), view.startsAt(),
                view.endsAtLocal() == null ? null : view.endsAtLocal().toInstant()}) {
            if (change != null && change.toEpochMilli() > now) {
                until = Math.min(until, change.toEpochMilli());
            }
        }
        return until;
    }

    private record Kept(Optional<ProductView> view, long until) {
    }
}
