package dev.astraphe.console.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.db.product.ProductDetails;
import dev.astraphe.db.product.ProductRepository;
import dev.astraphe.db.product.SaleSchedule;
import dev.astraphe.db.product.SaleStatus;
import dev.astraphe.shared.queue.QueueKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The control hash (acts at once) and the database (the audit log, the sale's status) never tell different stories. */
class QueueControlsConsistencyTest extends ConsoleIntegrationTest {

    @Autowired QueueControls controls;
    @Autowired ProductRepository products;
    @Autowired StringRedisTemplate redis;
    @Autowired AuditLogRepository audit;
    @Autowired PlatformTransactionManager transactions;
    @Autowired QueueBoard board;

    @Test
    void aStopThatCannotBeWrittenToTheDatabaseLeavesTheQueueRunningAndCanBeMadeAgain() {
        Account admin = admin();
        long id = aLiveSale().getId();
        TransactionTemplate apart = new TransactionTemplate(transactions);
        apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        // the admin's transaction read the product; a seller hides it meanwhile: the stop's update cannot be written
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            products.findById(id).orElseThrow();
            apart.executeWithoutResult(s -> {
                Product product = products.findById(id).orElseThrow();
                product.hide(null);
                products.save(product);
            });
            controls.stop(admin.getId(), id);
        })).isInstanceOf(OptimisticLockingFailureException.class);

        assertThat(redis.opsForHash().get(QueueKeys.control(id), QueueKeys.CONTROL_STATE)).as("the queue runs on").isNull();
        assertThat(audited(id)).isZero();

        controls.stop(admin.getId(), id);
        assertThat(redis.opsForHash().get(QueueKeys.control(id), QueueKeys.CONTROL_STATE)).isEqualTo("STOPPED");
        assertThat(products.findById(id).orElseThrow().getSaleStatus()).isEqualTo(SaleStatus.STOPPED);
        assertThat(audited(id)).isEqualTo(1);
    }

    @Test
    void aQueueStoppedWhoseSaleIsNotIsStoppedWholeByTheNextStop() {
        Account admin = admin();
        long id = aLiveSale().getId();
        // as a stop whose database write failed after Redis took it left things before
        redis.opsForHash().put(QueueKeys.control(id), QueueKeys.CONTROL_STATE, "STOPPED");

        controls.stop(admin.getId(), id);

        assertThat(products.findById(id).orElseThrow().getSaleStatus()).isEqualTo(SaleStatus.STOPPED);
        assertThat(audited(id)).isEqualTo(1);
        assertThatThrownBy(() -> controls.stop(admin.getId(), id)).isInstanceOf(QueueControls.Refused.class)
                .extracting(e -> ((QueueControls.Refused) e).reason()).isEqualTo(QueueControls.Reason.STOPPED);
        assertThat(audited(id)).isEqualTo(1);
    }

    @Test
    void aStoppedSaleStaysStoppedOnceItsWaitingRoomIsRemoved() {
        Account admin = admin();
        long id = aLiveSale().getId();
        controls.stop(admin.getId(), id);
        // an hour after the stop queue-edge removes the waiting room, the control hash with it
        redis.delete(QueueKeys.queueState(id));

        for (Runnable action : List.<Runnable>of(() -> controls.pause(admin.getId(), id), () -> controls.resume(admin.getId(), id),
                () -> controls.stop(admin.getId(), id), () -> controls.admitNow(admin.getId(), id, 5))) {
            assertThatThrownBy(action::run).isInstanceOf(QueueControls.Refused.class)
                    .extracting(e -> ((QueueControls.Refused) e).reason()).isEqualTo(QueueControls.Reason.STOPPED);
        }
        assertThat(audited(id)).isEqualTo(1);
        assertThat(redis.hasKey(QueueKeys.control(id))).isFalse();
        assertThat(board.row(id).state()).isEqualTo("STOPPED");
    }

    private Product aLiveSale() {
        Product demo = products.findListed(Instant.now(), null, PageRequest.of(0, 1)).getContent().getFirst();
        Product product = products.save(new Product(demo.getCompanyId(),
                new ProductDetails(demo.getCategoryId(), unique("정지 시험"), "설명", 30_000L, 19_900, 2), 20,
                new SaleSchedule(Instant.now().minusSeconds(600), null, 10, 10, 60), null));
        redis.opsForHash().putAll(QueueKeys.sale(product.getId()), Map.of("productId", product.getId().toString(),
                "saleStartsAt", Long.toString(product.getSaleStartsAt().toEpochMilli()), "saleStatus", "SCHEDULED",
                "hidden", "false"));
        redis.opsForHash().put(QueueKeys.stats(product.getId()), QueueKeys.STAT_WAITING, "40"); // somebody to admit
        return product;
    }

    private int audited(long id) {
        return audit.findByTargetTypeAndTargetIdOrderByCreatedAtDesc("PRODUCT", Long.toString(id)).size();
    }
}
