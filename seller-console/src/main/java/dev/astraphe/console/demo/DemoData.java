package dev.astraphe.console.demo;

import dev.astraphe.console.admin.BootstrapAdmin;
import dev.astraphe.console.admin.CompanyApprovals;
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
 * companies and three shoppers, made through the same services people use. Runs after the
 * bootstrap admin, who approves the companies; does nothing once seller1 exists.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("astraphe.demo.enabled")
class DemoData implements ApplicationRunner {

    static final String SELLER_PASSWORD = "astraphe-seller-1";
    static final String SHOPPER_PASSWORD = "astraphe-shopper-1";
    static final String MARKER_EMAIL = "seller1@astraphe.local";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final BootstrapAdmin bootstrapAdmin;
    private final SellerRegistration sellers;
    private final CompanyApprovals approvals;
    private final DemoShoppers shoppers;
    private final AccountRepository accounts;

    DemoData(BootstrapAdmin bootstrapAdmin, SellerRegistration sellers, CompanyApprovals approvals, DemoShoppers shoppers,
             AccountRepository accounts) {
        this.bootstrapAdmin = bootstrapAdmin;
        this.sellers = sellers;
        this.approvals = approvals;
        this.shoppers = shoppers;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.existsByEmail(MARKER_EMAIL)) {
            log.info("Demo data already present ({} exists)", MARKER_EMAIL);
            return;
        }
        Account admin = bootstrapAdmin.configuredAdmin().orElse(null);
        if (admin == null) {
            log.warn("Demo data skipped: set astraphe.bootstrap-admin.email and .password, the admin approves the demo sellers");
            return;
        }
        createSeller(admin, "seller1@astraphe.local", "김판매", "번개상회", "101-81-00001", "서울특별시 강남구 테헤란로 1");
        createSeller(admin, "seller2@astraphe.local", "이판매", "한정마켓", "202-81-00002", "부산광역시 해운대구 센텀로 2");
        for (int i = 1; i <= 3; i++) {
            shoppers.create("shopper" + i + "@astraphe.local", SHOPPER_PASSWORD, "구매자" + i, "010-0000-000" + i);
        }
        createDemoProducts();
        log.info("Demo data created: seller1/seller2@astraphe.local, shopper1..3@astraphe.local");
    }

    private void createSeller(Account admin, String email, String name, String company, String businessNumber, String address) {
        long accountId = sellers.register(new SellerSignUp(email, SELLER_PASSWORD, name, "010-1234-5678",
                company, businessNumber, address, company + " 데모 판매자"));
        Long companyId = accounts.findById(accountId).orElseThrow().getCompanyId();
        approvals.approve(admin.getId(), companyId);
    }

    /** Extension point: demo products and sales arrive with the product schema. */
    void createDemoProducts() {
        log.info("Demo products: none yet (the product schema is not part of this build)");
    }
}
