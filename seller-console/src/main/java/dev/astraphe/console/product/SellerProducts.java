package dev.astraphe.console.product;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductDetails;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.db.product.SaleSchedule;
import dev.astraphe.db.product.SaleStatus;
import dev.astraphe.shared.events.SaleScheduleChanged;
import dev.astraphe.shared.session.Role;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a seller does with their products. Every change saves the product and publishes a
 * {@link SaleScheduleChanged} in the same transaction: Spring Modulith's event publication registry stores it
 * next to the product row and externalises it to Kafka after commit, so a rolled-back change publishes nothing
 * and a committed one is published even if Kafka is down at that moment (resubmitted later).
 *
 * <p>Creating, editing, rescheduling and showing need an APPROVED company; hiding and cancelling do not, so a
 * seller whose approval was withdrawn can still take a sale down.
 */
@Service
@Transactional
public class SellerProducts {

    private static final Pattern IMAGE_KEY = Pattern.compile("products/(\\d{1,19})/[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final AccountRepository accounts;
    private final CompanyRepository companies;
    private final ProductRepository products;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SellerProducts(AccountRepository accounts, CompanyRepository companies, ProductRepository products,
                   ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.companies = companies;
        this.products = products;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    public Product create(long sellerAccountId, NewProduct command) {
        long companyId = approvedCompanyOf(sellerAccountId);
        Product product = products.save(new Product(companyId, command.details(), command.totalStock(),
                command.schedule(), sellerAccountId));
        publish(product);
        return product;
    }

    public Product edit(long sellerAccountId, long productId, ProductDetails details) {
        return change(sellerAccountId, productId, true, p -> p.edit(details, sellerAccountId));
    }

    public Product reschedule(long sellerAccountId, long productId, SaleSchedule schedule) {
        return change(sellerAccountId, productId, true, p -> p.reschedule(schedule, sellerAccountId));
    }

    public Product hide(long sellerAccountId, long productId) {
        return change(sellerAccountId, productId, false, p -> p.hide(sellerAccountId));
    }

    public Product show(long sellerAccountId, long productId) {
        return change(sellerAccountId, productId, true, p -> p.show(sellerAccountId));
    }

    /** Calls a sale off, before or during its window; one already over is refused ({@link SaleAlreadyOverException}). */
    public Product cancelSale(long sellerAccountId, long productId) {
        return change(sellerAccountId, productId, false, p -> {
            if (p.getSaleEndsAt() != null && !clock.instant().isBefore(p.getSaleEndsAt())) {
                throw new SaleAlreadyOverException(productId);
            }
            p.changeSaleStatus(SaleStatus.CANCELLED, sellerAccountId);
        });
    }

    /**
     * New images (keys in the image store, either may be null). A key must name an object in the product's own folder
     * ({@link #checkImageKey}). The waiting room shows the main one, so the schedule of a sale still on goes out again
     * with it: the same version (nothing about the sale changed, and a record as new as the one stored replaces it). Not
     * that of a stopped or cancelled sale, whose waiting room is closing: for a stopped one the record's time is the
     * stop's, which the waiting room is removed an hour after.
     */
    public Product changeImages(long sellerAccountId, long productId, String mainImageKey, String descriptionImageKey) {
        checkImageKey(productId, mainImageKey);
        checkImageKey(productId, descriptionImageKey);
        Product product = products.findByIdAndCompanyId(productId, approvedCompanyOf(sellerAccountId))
                .orElseThrow(() -> new NotOwnerException(productId));
        product.changeImages(mainImageKey, descriptionImageKey, sellerAccountId);
        if (product.getSaleStatus() == SaleStatus.SCHEDULED) {
            publish(product);
        }
        return product;
    }

    /**
     * An image key as the console makes them, {@code products/<product id>/<plain name>}: a product cannot show another
     * product's (another company's) image, and the storefront's link to it is the key itself (no character a browser
     * or the firewall would rewrite or refuse: no {@code ..}, {@code %}, {@code ;} or empty segment).
     */
    static void checkImageKey(long productId, String key) {
        if (key == null) {
            return;
        }
        Matcher m = IMAGE_KEY.matcher(key);
        if (!m.matches() || !m.group(1).equals(Long.toString(productId))) {
            throw new IllegalArgumentException("not an image key of product " + productId + ": " + key);
        }
    }

    @Transactional(readOnly = true)
    public Product find(long sellerAccountId, long productId) {
        long companyId = companyOf(sellerOf(sellerAccountId));
        return products.findByIdAndCompanyId(productId, companyId)
                .orElseThrow(() -> new NotOwnerException(productId));
    }

    @Transactional(readOnly = true)
    public List<Product> list(long sellerAccountId) {
        long companyId = companyOf(sellerOf(sellerAccountId));
        return products.findByCompanyId(companyId, Pageable.unpaged(Sort.by("saleStartsAt", "id"))).getContent();
    }

    private Product change(long sellerAccountId, long productId, boolean needsApproval, Consumer<Product> change) {
        long companyId = needsApproval ? approvedCompanyOf(sellerAccountId) : companyOf(sellerOf(sellerAccountId));
        Product product = products.findByIdAndCompanyId(productId, companyId)
                .orElseThrow(() -> new NotOwnerException(productId));
        change.accept(product);
        publish(product);
        return product;
    }

    private void publish(Product product) {
        events.publishEvent(ScheduleEvents.of(product, clock.instant()));
    }

    private long approvedCompanyOf(long sellerAccountId) {
        long companyId = companyOf(sellerOf(sellerAccountId));
        Company company = companies.findById(companyId).orElseThrow(() -> new NotSellerException(sellerAccountId));
        if (!company.isApproved()) {
            throw new SellerNotApprovedException(companyId, company.getApprovalStatus());
        }
        return companyId;
    }

    private Account sellerOf(long accountId) {
        return accounts.findById(accountId)
                .filter(a -> a.getRole() == Role.SELLER && a.isActive() && a.getCompanyId() != null)
                .orElseThrow(() -> new NotSellerException(accountId));
    }

    private static long companyOf(Account seller) {
        return seller.getCompanyId();
    }
}
