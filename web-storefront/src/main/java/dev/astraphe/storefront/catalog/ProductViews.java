package dev.astraphe.storefront.catalog;

import dev.astraphe.db.catalog.Category;
import dev.astraphe.db.catalog.CategoryRepository;
import dev.astraphe.db.order.OrderRepository;
import dev.astraphe.db.order.OrderStatus;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductOptionRepository;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.db.product.SaleStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads products for shoppers: one product page, and the cards of what is live or coming up. */
@Component
@Transactional(readOnly = true)
public class ProductViews {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final int LISTED = 24;

    private final ProductRepository products;
    private final ProductOptionRepository options;
    private final CategoryRepository categories;
    private final OrderRepository orders;
    private final CatalogProperties properties;
    private final Clock clock;

    @Autowired
    ProductViews(ProductRepository products, ProductOptionRepository options, CategoryRepository categories,
                 OrderRepository orders, CatalogProperties properties) {
        this(products, options, categories, orders, properties, Clock.systemUTC());
    }

    ProductViews(ProductRepository products, ProductOptionRepository options, CategoryRepository categories,
                 OrderRepository orders, CatalogProperties properties, Clock clock) {
        this.products = products;
        this.options = options;
        this.categories = categories;
        this.orders = orders;
        this.properties = properties;
        this.clock = clock;
    }

    /** Hidden products do not exist for shoppers. */
    public Optional<ProductView> find(long id) {
        return products.findById(id).filter(p -> !p.isHidden()).map(p -> {
            List<ProductView.Option> choices = options.findByProductIdOrderBySortOrderAscIdAsc(p.getId()).stream()
                    .map(o -> new ProductView.Option(o.getName(), o.getValue(), o.getExtraPrice())).toList();
            return view(p, categories.findById(p.getCategoryId()).orElse(null), choices,
                    product -> orders.existsByProductIdAndStatusIn(product, OrderStatus.UNPAID_HOLDING));
        });
    }

    /** Whether the storefront may serve this image: a visible product shows it (hidden products do not exist). */
    public boolean showsImage(String key) {
        return products.existsVisibleWithImage(key);
    }

    /** The home page: live and upcoming products, soonest first. */
    public List<ProductView> listed() {
        List<Product> page = products.findListed(clock.instant(), null, PageRequest.of(0, LISTED)).getContent();
        Map<Long, Category> byId = categories.findAllById(page.stream().map(Product::getCategoryId).distinct().toList())
                .stream().collect(Collectors.toMap(Category::getId, Function.identity()));
        // products live by the clock with no unit left: which of them have units held unpaid, in one query
        Instant now = clock.instant();
        List<Long> soldOut = page.stream().filter(p -> byClockAndStock(p, now) == SaleState.SOLD_OUT).map(Product::getId).toList();
        Set<Long> unpaid = soldOut.isEmpty() ? Set.of() : orders.findProductIdsWithStatusIn(soldOut, OrderStatus.UNPAID_HOLDING);
        return page.stream().map(p -> view(p, byId.get(p.getCategoryId()), List.of(), unpaid::contains)).toList();
    }

    private ProductView view(Product p, Category category, List<ProductView.Option> choices, Predicate<Long> unitsHeldUnpaid) {
        Instant now = clock.instant();
        SaleState state = state(p, now, unitsHeldUnpaid);
        Instant opens = p.getSaleStartsAt().minus(properties.prequeueWindow());
        Long list = p.getListPrice();
        Integer discount = list != null && list > p.getSalePrice()
                ? (int) ((list - p.getSalePrice()) * 100 / list) : null;
        return new ProductView(p.getId(), p.getName(), p.getDescription(),
                category == null ? "" : category.getName(), category == null ? null : category.getNameEn(),
                p.getMainImageKey(), p.getDescriptionImageKey(), list, p.getSalePrice(), discount,
                p.availableStock(), p.getPerShopperLimit(),
                p.getSaleStartsAt(), local(p.getSaleStartsAt()), local(p.getSaleEndsAt()),
                opens, local(opens), !now.isBefore(opens), state, state == SaleState.LIVE && p.isSoldOut(),
                state == SaleState.ENDED && calledOff(p), choices);
    }

    /**
     * Live with no unit left is sold out only once no unpaid order holds one: until then units may come back, the
     * waiting room keeps its line ("all units held") and admits again when they do, so the page stays live too.
     */
    private static SaleState state(Product p, Instant now, Predicate<Long> unitsHeldUnpaid) {
        SaleState state = byClockAndStock(p, now);
        return state == SaleState.SOLD_OUT && unitsHeldUnpaid.test(p.getId()) ? SaleState.LIVE : state;
    }

    private static boolean calledOff(Product p) {
        return p.getSaleStatus() == SaleStatus.CANCELLED || p.getSaleStatus() == SaleStatus.STOPPED;
    }

    /** The state from the clock, the seller's decisions and the stock left alone. */
    private static SaleState byClockAndStock(Product p, Instant now) {
        boolean ended = calledOff(p) || (p.getSaleEndsAt() != null && !now.isBefore(p.getSaleEndsAt()));
        if (ended) {
            return SaleState.ENDED;
        }
        if (now.isBefore(p.getSaleStartsAt())) {
            return SaleState.UPCOMING;
        }
        return p.isSoldOut() ? SaleState.SOLD_OUT : SaleState.LIVE;
    }

    private static ZonedDateTime local(Instant instant) {
        return instant == null ? null : instant.atZone(SEOUL);
    }
}
