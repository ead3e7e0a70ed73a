package dev.astraphe.db.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.astraphe.db.SchemaFixtures;
import dev.astraphe.testsupport.UsesPostgres;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;

@DataJpaTest
@UsesPostgres
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class ProductSchemaTest {

    @Autowired TestEntityManager em;
    @Autowired ProductRepository products;
    @Autowired ProductOptionRepository options;

    SchemaFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new SchemaFixtures(em);
    }

    @Test
    void unitsHeldCannotExceedTotalStockEvenBypassingTheEntity() {
        Product product = fixtures.product(3);
        assertThatThrownBy(() -> em.getEntityManager()
                .createNativeQuery("update products set units_held = 4 where id = :id")
                .setParameter("id", product.getId())
                .executeUpdate())
                .isInstanceOf(PersistenceException.class)
                .hasStackTraceContaining("products_units_held_within_stock_check");
    }

    @Test
    void availableStockIsTotalMinusHeldInTheDatabase() {
        Product product = fixtures.product(5);
        product.hold(2);
        products.saveAndFlush(product);
        Object available = em.getEntityManager()
                .createNativeQuery("select available_stock from products where id = :id")
                .setParameter("id", product.getId())
                .getSingleResult();
        assertThat(((Number) available).intValue()).isEqualTo(3);
        assertThat(product.getStockVersion()).isEqualTo(1);
    }

    @Test
    void totalStockCannotBeLoweredBelowTheUnitsHeld() {
        Product product = fixtures.product(5);
        em.getEntityManager().createNativeQuery("update products set units_held = 5 where id = :id")
                .setParameter("id", product.getId()).executeUpdate();
        assertThatThrownBy(() -> em.getEntityManager()
                .createNativeQuery("update products set total_stock = 4 where id = :id")
                .setParameter("id", product.getId())
                .executeUpdate())
                .isInstanceOf(PersistenceException.class)
                .hasStackTraceContaining("products_units_held_within_stock_check");
    }

    @Test
    void theEntityRefusesToHoldMoreThanIsAvailable() {
        Product product = fixtures.product(2);
        product.hold(2);
        assertThat(product.isSoldOut()).isTrue();
        assertThatThrownBy(() -> product.hold(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> product.adjustStock(-1, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void releasingReturnsUnitsOnlyWhenTheyAreHeld() {
        Product product = fixtures.product(5);
        product.hold(2);
        products.saveAndFlush(product);
        assertThat(products.releaseUnits(product.getId(), 3)).isZero();
        assertThat(products.releaseUnits(product.getId(), 2)).isEqualTo(1);
        Product reloaded = products.findById(product.getId()).orElseThrow();
        assertThat(reloaded.getUnitsHeld()).isZero();
        assertThat(reloaded.getStockVersion()).isEqualTo(2);
    }

    @Test
    void listPriceBelowSalePriceIsRefused() {
        Product product = fixtures.product(5);
        product.edit(new ProductDetails(SchemaFixtures.FOOD, "x", "", 100L, 200L, 1), null);
        assertThatThrownBy(() -> products.saveAndFlush(product))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasStackTraceContaining("products_list_price_check");
    }

    @Test
    void editsBumpTheScheduleVersionSoLateEventsCanBeIgnored() {
        Product product = fixtures.product(5);
        long before = product.getScheduleVersion();
        product.reschedule(SaleSchedule.startingAt(SchemaFixtures.NOW, null), null);
        product.hide(null);
        assertThat(product.getScheduleVersion()).isEqualTo(before + 2);
    }

    @Test
    void aCancelledSaleStaysCancelled() {
        Product product = fixtures.product(5);
        product.changeSaleStatus(SaleStatus.CANCELLED, null);
        assertThatThrownBy(() -> product.changeSaleStatus(SaleStatus.SCHEDULED, null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theStorefrontListsOnlyVisibleLiveSales() {
        Product listed = fixtures.product(5);
        Product hidden = fixtures.product(5);
        hidden.hide(null);
        Product cancelled = fixtures.product(5);
        cancelled.changeSaleStatus(SaleStatus.CANCELLED, null);
        // stopped by an admin: over for good, like a sale past its end (which the home page leaves out too)
        Product stopped = fixtures.product(5);
        stopped.changeSaleStatus(SaleStatus.STOPPED, null);
        Product paused = fixtures.product(5);
        paused.changeSaleStatus(SaleStatus.PAUSED, null);
        products.saveAllAndFlush(List.of(hidden, cancelled, stopped, paused));
        Instant now = SchemaFixtures.NOW;
        PageRequest page = PageRequest.of(0, 10);
        assertThat(products.findListed(now, null, page)).extracting(Product::getId).containsExactly(listed.getId(), paused.getId());
        assertThat(products.findListed(now, SchemaFixtures.FOOD, page)).extracting(Product::getId)
                .containsExactly(listed.getId(), paused.getId());
        assertThat(products.findListed(now, 2000L, page)).isEmpty();
    }

    @Test
    void anOptionNameAndValueAppearOncePerProduct() {
        Product product = fixtures.product(5);
        options.saveAndFlush(new ProductOption(product.getId(), "색상", "블랙", 0, 1));
        options.saveAndFlush(new ProductOption(product.getId(), "색상", "화이트", 1000, 2));
        assertThat(options.findByProductIdOrderBySortOrderAscIdAsc(product.getId()))
                .extracting(ProductOption::getValue).containsExactly("블랙", "화이트");
        assertThatThrownBy(() -> options.saveAndFlush(new ProductOption(product.getId(), "색상", "블랙", 0, 3)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
