package dev.astraphe.console.demo;

import dev.astraphe.console.admin.BootstrapAdmin;
import dev.astraphe.console.admin.CompanyApprovals;
import dev.astraphe.console.product.DemoProducts;
import dev.astraphe.console.seller.SellerRegistration;
import dev.astraphe.console.seller.SellerSignUp;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo data for the local stack ({@code astraphe.demo.enabled=true}): two approved sellers of two
 * companies, a third whose company waits for the admin's decision, three shoppers and the products of the approved
 * sellers, made through the same services people use. Runs after the bootstrap admin, who approves the first two
 * companies; does nothing once seller1 exists.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("astraphe.demo.enabled")
class DemoData implements ApplicationRunner {

    static final String SELLER_PASSWORD = "astraphe-seller-1";
    static final String SHOPPER_PASSWORD = "astraphe-shopper-1";
    static final String MARKER_EMAIL = "seller1@astraphe.local";
    static final String SECOND_SELLER_EMAIL = "seller2@astraphe.local";
    /** Signed up, not yet decided: something for the admin's approvals page to show on a first run. */
    static final String PENDING_SELLER_EMAIL = "seller3@astraphe.local";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final BootstrapAdmin bootstrapAdmin;
    private final SellerRegistration sellers;
    private final CompanyApprovals approvals;
    private final DemoShoppers shoppers;
    private final AccountRepository accounts;
    private final DemoProducts products;

    DemoData(BootstrapAdmin bootstrapAdmin, SellerRegistration sellers, CompanyApprovals approvals, DemoShoppers shoppers,
             AccountRepository accounts, DemoProducts products) {
        this.products = products;
        this.bootstrapAdmin = bootstrapAdmin;
        this.sellers = sellers;
        this.approvals = approvals;
        this.shoppers = shoppers;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.existsByEmail(MARKER_EMAIL)) {
            log.info("Demo accounts already present ({} exists)", MARKER_EMAIL);
        } else if (!createAccounts()) {
            return;
        }
        // idempotent per product name, so a restart only adds what is missing
        products.create(accountId(MARKER_EMAIL), accountId(SECOND_SELLER_EMAIL));
    }

    private boolean createAccounts() {
        Account admin = bootstrapAdmin.configuredAdmin().orElse(null);
        if (admin == null) {
            log.warn("Demo data skipped: set astraphe.bootstrap-admin.email and .password, the admin approves the demo sellers");
            return false;
        }
        approve(admin, createSeller(MARKER_EMAIL, "김판매", "번개상회", "101-81-00001", "서울특별시 강남구 테헤란로 1"));
        approve(admin, createSeller(SECOND_SELLER_EMAIL, "이판매", "한정마켓", "202-81-00002", "부산광역시 해운대구 센텀로 2"));
        createSeller(PENDING_SELLER_EMAIL, "박대기", "새벽상점", "303-81-00003", "대전광역시 유성구 대학로 3");
        for (int i = 1; i <= 3; i++) {
            shoppers.create("shopper" + i + "@astraphe.local", SHOPPER_PASSWORD, "구매자" + i, "010-0000-000" + i);
        }
        log.info("Demo accounts created: seller1/seller2@astraphe.local (approved), seller3@astraphe.local (pending), "
                + "shopper1..3@astraphe.local");
        return true;
    }

    private long accountId(String email) {
        return accounts.findByEmail(email).orElseThrow().getId();
    }

    /** The new seller's company id. */
    private long createSeller(String email, String name, String company, String businessNumber, String address) {
        long accountId = sellers.register(new SellerSignUp(email, SELLER_PASSWORD, name, "010-1234-5678",
                company, businessNumber, address, company + " 데모 판매자"));
        return accounts.findById(accountId).orElseThrow().getCompanyId();
    }

    private void approve(Account admin, long companyId) {
        approvals.approve(admin.getId(), companyId);
    }
}
