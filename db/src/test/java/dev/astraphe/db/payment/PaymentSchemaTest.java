package dev.astraphe.db.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.astraphe.db.SchemaFixtures;
import dev.astraphe.db.order.Order;
import dev.astraphe.db.order.OrderRepository;
import dev.astraphe.testsupport.UsesPostgres;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
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
class PaymentSchemaTest {

    static final Instant NOW = SchemaFixtures.NOW;

    @Autowired TestEntityManager em;
    @Autowired OrderRepository orders;
    @Autowired PaymentAttemptRepository attempts;
    @Autowired RefundRepository refunds;

    Order order;

    @BeforeEach
    void setUp() {
        SchemaFixtures fixtures = new SchemaFixtures(em);
        order = orders.saveAndFlush(fixtures.order(fixtures.shopper("kim@example.com"), fixtures.product(5), "adm-1", "key-1"));
    }

    @Test
    void eachAttemptHasItsOwnTossOrderIdAndKey() {
        PaymentAttempt first = attempts.saveAndFlush(attempt(1));
        PaymentAttempt second = attempts.saveAndFlush(attempt(2));
        assertThat(first.getTossOrderId()).isEqualTo(order.getOrderNumber() + "-1").matches("[A-Za-z0-9_-]{6,64}");
        assertThat(second.getTossOrderId()).isNotEqualTo(first.getTossOrderId());
        assertThat(second.getIdempotencyKey()).isNotEqualTo(first.getIdempotencyKey());
        assertThat(attempts.findByTossOrderId(second.getTossOrderId())).isPresent();
    }

    @Test
    void aTossOrderIdOutsideTheContractIsRefused() {
        PaymentAttempt attempt = attempts.saveAndFlush(attempt(1));
        assertThatThrownBy(() -> em.getEntityManager()
                .createNativeQuery("update payment_attempts set toss_order_id = 'A#1' where id = :id")
                .setParameter("id", attempt.getId()).executeUpdate())
                .isInstanceOf(PersistenceException.class)
                .hasStackTraceContaining("payment_attempts_toss_order_id_check");
    }

    @Test
    void anOrderIsNeverConfirmedTwice() {
        PaymentAttempt first = attempt(1);
        first.confirming("pk-1", NOW);
        first.approved("카드", 15000, NOW, null, "{}");
        attempts.saveAndFlush(first);
        PaymentAttempt second = attempt(2);
        second.confirming("pk-2", NOW);
        assertThatThrownBy(() -> attempts.saveAndFlush(second))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasStackTraceContaining("payment_attempts_one_live_per_order");
    }

    @Test
    void aFailedAttemptLeavesRoomForTheRetry() {
        PaymentAttempt first = attempt(1);
        first.confirming("pk-1", NOW);
        first.failed(PaymentStatus.FAILED, "REJECT_CARD_COMPANY", "거절", "{}");
        attempts.saveAndFlush(first);
        PaymentAttempt second = attempt(2);
        second.confirming("pk-2", NOW);
        attempts.saveAndFlush(second);
        assertThat(attempts.findByOrderIdAndStatus(order.getId(), PaymentStatus.CONFIRMING)).isPresent();
    }

    @Test
    void aPaymentKeyBelongsToOneAttempt() {
        PaymentAttempt first = attempt(1);
        first.confirming("pk-1", NOW);
        first.failed(PaymentStatus.ABORTED, "X", "x", null);
        attempts.saveAndFlush(first);
        PaymentAttempt second = attempt(2);
        second.confirming("pk-1", NOW);
        assertThatThrownBy(() -> attempts.saveAndFlush(second))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasStackTraceContaining("payment_attempts_payment_key_key");
    }

    @Test
    void aRefundIsRetriedWithTheSameKeyUntilItGivesUp() {
        PaymentAttempt paid = attempt(1);
        paid.confirming("pk-1", NOW);
        paid.approved("카드", 15000, NOW, null, "{}");
        attempts.saveAndFlush(paid);
        Refund refund = refunds.saveAndFlush(new Refund(order.getId(), paid, "SALE_CANCELLED", NOW));
        refund.triedAndFailed("timeout", NOW, Duration.ofMinutes(1), 2);
        refunds.saveAndFlush(refund);
        assertThat(refunds.findByStatusAndNextAttemptAtLessThanEqualOrderByNextAttemptAtAsc(
                RefundStatus.REQUESTED, NOW, Limit.of(10))).isEmpty();
        assertThat(refunds.findByStatusAndNextAttemptAtLessThanEqualOrderByNextAttemptAtAsc(
                RefundStatus.REQUESTED, NOW.plusSeconds(60), Limit.of(10))).containsExactly(refund);
        refund.triedAndFailed("timeout", NOW, Duration.ofMinutes(1), 2);
        assertThat(refund.getStatus()).isEqualTo(RefundStatus.FAILED);
        assertThat(refund.getIdempotencyKey()).isEqualTo("cancel:" + paid.getTossOrderId());
    }

    @Test
    void aPaymentIsRefundedOnce() {
        PaymentAttempt paid = attempt(1);
        paid.confirming("pk-1", NOW);
        paid.approved("카드", 15000, NOW, null, "{}");
        attempts.saveAndFlush(paid);
        refunds.saveAndFlush(new Refund(order.getId(), paid, "SALE_CANCELLED", NOW));
        assertThatThrownBy(() -> refunds.saveAndFlush(new Refund(order.getId(), paid, "AGAIN", NOW)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private PaymentAttempt attempt(int no) {
        return new PaymentAttempt(order.getId(), order.getOrderNumber(), no, order.getAmount(), NOW);
    }
}
