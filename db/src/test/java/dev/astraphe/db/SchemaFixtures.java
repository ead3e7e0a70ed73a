package dev.astraphe.db;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.order.DeliveryAddress;
import dev.astraphe.db.order.NewOrder;
import dev.astraphe.db.order.Order;
import dev.astraphe.db.order.OrderNumbers;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductDetails;
import dev.astraphe.db.product.SaleSchedule;
import dev.astraphe.shared.session.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

/** Rows the schema tests build on: a company, shoppers, a product and orders. */
public final class SchemaFixtures {

    public static final Instant NOW = Instant.parse("2026-03-01T01:00:00Z");
    public static final long FOOD = 1000L;

    private final TestEntityManager em;
    private final OrderNumbers orderNumbers = new OrderNumbers();

    public SchemaFixtures(TestEntityManager em) {
        this.em = em;
    }

    public Company company() {
        return em.persistFlushFind(new Company("Acme", UUID.randomUUID().toString().substring(0, 12), "", ""));
    }

    public Account shopper(String email) {
        return em.persistFlushFind(new Account(email, "h", email, Role.SHOPPER, null));
    }

    public Product product(int totalStock) {
        ProductDetails details = new ProductDetails(FOOD, "한정판 커피", "", 20000L, 15000L, 2);
        Product product = new Product(company().getId(), details, totalStock,
                SaleSchedule.startingAt(NOW.plus(Duration.ofHours(1)), null), null);
        return em.persistFlushFind(product);
    }

    public NewOrder request(Account shopper, Product product, int quantity, String admissionId, String key) {
        return new NewOrder(shopper.getId(), product.getId(), null, quantity, product.getSalePrice(),
                new DeliveryAddress("김민지", "010-1234-5678", "04524", "서울 중구 세종대로 110", "3층"),
                admissionId, key);
    }

    public Order order(Account shopper, Product product, String admissionId, String key) {
        return new Order(orderNumbers.next(), request(shopper, product, 1, admissionId, key), NOW);
    }
}
