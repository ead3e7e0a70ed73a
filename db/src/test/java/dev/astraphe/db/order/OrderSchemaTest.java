package dev.astraphe.db.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.astraphe.db.SchemaFixtures;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.product.Product;
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
import org.springframework.data.domain.Limit;

@DataJpaTest
@UsesPostgres
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class OrderSchemaTest {

    static final Instant NOW = SchemaFixtures.NOW;

    @Autowired TestEntityManager em;
    @Autowired OrderRepository orders;

    SchemaFixtures fixtures;
    Account kim;
    Account lee;
    Product product;

    @BeforeEach
    void setUp() {
        fixtures = new SchemaFixtures(em);
        kim = fixtures.shopper("kim@example.com");
        lee = fixtures.shopper("lee@example.com");
        product = fixtures.product(10);
    }

    @Test
    void anOrderIsStoredWithItsAmountAndFoundByNumberAndKey() {
        Order saved = orders.saveAndFlush(fixtures.order(kim, product, "adm-1", "key-1"));
        em.clear();
        Order found = orders.findByOrderNumber(saved.getOrderNumber()).orElseThrow();
        assertThat(found.getAmount()).isEqualTo(15000);
        assertThat(found.getStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(found.getCreatedAt()).isEqualTo(NOW);
        assertThat(orders.findByShopperIdAndIdempotencyKey(kim.getId(), "key-1")).isPresent();
        assertThat(orders.findByOrderNumberAndShopperId(saved.getOrderNumber(), lee.getId())).isEmpty();
    }

    @Test
    void quantityMustBePositive() {
        Order zero = new Order("A0000000000QQ", fixtures.request(kim, product, 0, "adm-1", "key-1"), NOW);
        assertThatThrownBy(() -> orders.saveAndFlush(zero)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void amountMustBeUnitPriceTimesQuantity() {
        Order order = orders.saveAndFlush(fixtures.order(kim, product, "adm-1", "key-1"));
        assertThatThrownBy(() -> em.getEntityManager()
                .createNativeQuery("update orders set amount = 1 where id = :id")
                .setParameter("id", order.getId()).executeUpdate())
                .isInstanceOf(PersistenceException.class)
                .hasStackTraceContaining("orders_amount_check");
    }

    @Test
    void oneAdmissionPlacesOneOrder() {
        orders.saveAndFlush(fixtures.order(kim, product, "adm-1", "key-1"));
        assertThatThrownBy(() -> orders.saveAndFlush(fixtures.order(kim, product, "adm-1", "key-2")))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasStackTraceContaining("orders_admission_id_key");
    }

    @Test
    void anIdempotencyKeyIsUniquePerShopper() {
        orders.saveAndFlush(fixtures.order(kim, product, "adm-1", "key-1"));
        assertThatThrownBy(() -> orders.saveAndFlush(fixtures.order(kim, product, "adm-2", "key-1")))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasStackTraceContaining("orders_shopper_idempotency_key_key");
    }

    @Test
    void twoShoppersMayUseTheSameIdempotencyKey() {
        orders.saveAndFlush(fixtures.order(kim, product, "adm-1", "key-1"));
        orders.saveAndFlush(fixtures.order(lee, product, "adm-2", "key-1"));
        assertThat(orders.findByShopperIdAndIdempotencyKey(lee.getId(), "key-1")).isPresent();
    }

    @Test
    void theSameKeyWithOtherContentIsToldApart() {
        Order first = orders.saveAndFlush(fixtures.order(kim, product, "adm-1", "key-1"));
        assertThat(first.isSameRequestAs(fixtures.request(kim, product, 1, "adm-1", "key-1"))).isTrue();
        assertThat(first.isSameRequestAs(fixtures.request(kim, product, 2, "adm-1", "key-1"))).isFalse();
    }

    @Test
    void theSchemaRefusesAnUnknownStatus() {
        Order order = orders.saveAndFlush(fixtures.order(kim, product, "adm-1", "key-1"));
        assertThatThrownBy(() -> em.getEntityManager()
                .createNativeQuery("update orders set status = 'SHIPPED' where id = :id")
                .setParameter("id", order.getId()).executeUpdate())
                .isInstanceOf(PersistenceException.class)
                .hasStackTraceContaining("orders_status_check");
    }

    @Test
    void aReservedOrderNeedsAnExpiryInTheSchema() {
        Order order = orders.saveAndFlush(fixtures.order(kim, product, "adm-1", "key-1"));
        assertThatThrownBy(() -> em.getEntityManager()
                .createNativeQuery("update orders set status = 'RESERVED' where id = :id")
                .setParameter("id", order.getId()).executeUpdate())
                .isInstanceOf(PersistenceException.class)
                .hasStackTraceContaining("orders_held_has_expiry_check");
    }

    @Test
    void markPayingWinsOnceAndOnlyBeforeExpiry() {
        Order order = fixtures.order(kim, product, "adm-1", "key-1");
        order.reserve(NOW.plusSeconds(600), NOW);
        orders.saveAndFlush(order);
        assertThat(orders.markPaying(order.getId(), lee.getId(), NOW.plusSeconds(1))).isZero();
        assertThat(orders.markPaying(order.getId(), kim.getId(), NOW.plusSeconds(600))).isZero();
        assertThat(orders.markPaying(order.getId(), kim.getId(), NOW.plusSeconds(1))).isEqualTo(1);
        assertThat(orders.markPaying(order.getId(), kim.getId(), NOW.plusSeconds(2))).isZero();
        Order reloaded = orders.findById(order.getId()).orElseThrow();
        assertThat(reloaded.getStatus()).isEqualTo(OrderStatus.PAYING);
        assertThat(reloaded.getPayingAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void theExpirySweepFindsOnlyLapsedReservations() {
        Order lapsed = fixtures.order(kim, product, "adm-1", "key-1");
        lapsed.reserve(NOW.plusSeconds(60), NOW);
        Order live = fixtures.order(lee, product, "adm-2", "key-1");
        live.reserve(NOW.plusSeconds(600), NOW);
        orders.saveAllAndFlush(List.of(lapsed, live));
        assertThat(orders.findByStatusAndReservationExpiresAtBeforeOrderByReservationExpiresAtAsc(
                OrderStatus.RESERVED, NOW.plusSeconds(120), Limit.of(100)))
                .extracting(Order::getId).containsExactly(lapsed.getId());
    }

    @Test
    void unitsHeldByAShopperAddUpForTheLimit() {
        Order reserved = fixtures.order(kim, product, "adm-1", "key-1");
        reserved.reserve(NOW.plusSeconds(600), NOW);
        Order rejected = fixtures.order(kim, product, "adm-2", "key-2");
        rejected.reject("LIMIT", NOW);
        orders.saveAllAndFlush(List.of(reserved, rejected));
        assertThat(orders.sumQuantity(kim.getId(), product.getId(), OrderStatus.HOLDING)).isEqualTo(1);
        assertThat(orders.sumQuantity(lee.getId(), product.getId(), OrderStatus.HOLDING)).isZero();
    }
}
