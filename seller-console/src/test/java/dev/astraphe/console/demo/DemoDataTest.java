package dev.astraphe.console.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AddressRepository;
import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import dev.astraphe.shared.session.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

/** The shared test context runs with astraphe.demo.enabled=true, so the runner has already run once at start-up. */
class DemoDataTest extends ConsoleIntegrationTest {

    @Autowired DemoData demoData;
    @Autowired CompanyRepository companies;
    @Autowired AddressRepository addresses;
    @Autowired ProductRepository products;

    @Test
    void demoSellersHaveProductsInSeveralCategoriesOneLiveAndOneOpeningWithinMinutes() {
        Instant now = Instant.now();
        List<Product> all = new java.util.ArrayList<>();
        for (String email : List.of("seller1@astraphe.local", "seller2@astraphe.local")) {
            Long companyId = accounts.findByEmail(email).orElseThrow().getCompanyId();
            List<Product> own = products.findByCompanyId(companyId, Pageable.unpaged()).getContent();
            assertThat(own).as(email + "'s products").hasSizeGreaterThanOrEqualTo(3);
            all.addAll(own);
        }
        assertThat(all.stream().map(Product::getCategoryId).distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(all).anySatisfy(p -> assertThat(p.getSaleStartsAt()).isBefore(now));
        assertThat(all).anySatisfy(p -> assertThat(p.getSaleStartsAt()).isBetween(now, now.plus(Duration.ofMinutes(10))));
    }

    @Test
    void demoDataHasTwoApprovedSellersOfTwoCompaniesAPendingOneAndThreeShoppers() {
        Account seller1 = accounts.findByEmail("seller1@astraphe.local").orElseThrow();
        Account seller2 = accounts.findByEmail("seller2@astraphe.local").orElseThrow();
        assertThat(seller1.getRole()).isEqualTo(Role.SELLER);
        assertThat(seller2.getRole()).isEqualTo(Role.SELLER);
        assertThat(seller1.getCompanyId()).isNotEqualTo(seller2.getCompanyId());
        assertThat(companies.findById(seller1.getCompanyId()).orElseThrow().isApproved()).isTrue();
        assertThat(companies.findById(seller2.getCompanyId()).orElseThrow().isApproved()).isTrue();
        assertThat(passwordEncoder.matches("astraphe-seller-1", seller1.getPasswordHash())).isTrue();
        // and a third, whose company waits for the admin: the approvals page has something to show on a first run
        Account pending = accounts.findByEmail("seller3@astraphe.local").orElseThrow();
        assertThat(companies.findById(pending.getCompanyId()).orElseThrow().getApprovalStatus()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(passwordEncoder.matches("astraphe-seller-1", pending.getPasswordHash())).isTrue();
        for (int i = 1; i <= 3; i++) {
            Account shopper = accounts.findByEmail("shopper" + i + "@astraphe.local").orElseThrow();
            assertThat(shopper.getRole()).isEqualTo(Role.SHOPPER);
            assertThat(passwordEncoder.matches("astraphe-shopper-1", shopper.getPasswordHash())).isTrue();
            assertThat(addresses.findByAccountIdOrderByDefaultAddressDescIdAsc(shopper.getId()))
                    .singleElement().satisfies(a -> assertThat(a.isDefaultAddress()).isTrue());
        }
    }

    @Test
    void withoutAnImageStoreTheDemoProductsKeepTheirPlaceholders() {
        for (String email : List.of("seller1@astraphe.local", "seller2@astraphe.local")) {
            Long companyId = accounts.findByEmail(email).orElseThrow().getCompanyId();
            assertThat(products.findByCompanyId(companyId, Pageable.unpaged()).getContent())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.getMainImageKey()).isNull())
                    .allSatisfy(p -> assertThat(p.getDescriptionImageKey()).isNull());
        }
    }

    @Test
    void runningTheDemoAgainCreatesNothingNew() {
        long accountsBefore = accounts.count();
        long companiesBefore = companies.count();
        long addressesBefore = addresses.count();
        long productsBefore = products.count();

        demoData.run(new DefaultApplicationArguments());

        assertThat(accounts.count()).isEqualTo(accountsBefore);
        assertThat(companies.count()).isEqualTo(companiesBefore);
        assertThat(addresses.count()).isEqualTo(addressesBefore);
        assertThat(products.count()).isEqualTo(productsBefore);
    }
}
