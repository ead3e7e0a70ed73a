package dev.astraphe.db.payment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PaymentAttemptRepository extends JpaRepository<PaymentAttempt, Long> {

    Optional<PaymentAttempt> findByTossOrderId(String tossOrderId);

    Optional<PaymentAttempt> findByPaymentKey(String paymentKey);

    List<PaymentAttempt> findByOrderIdOrderByAttemptNoAsc(Long orderId);

    Optional<PaymentAttempt> findFirstByOrderIdOrderByAttemptNoDesc(Long orderId);

    Optional<PaymentAttempt> findByOrderIdAndStatus(Long orderId, PaymentStatus status);

    /** Attempts left unsettled (crash between confirm and commit) for the reconciliation job. */
    List<PaymentAttempt> findByStatusInAndCreatedAtBeforeOrderByCreatedAtAsc(
            Collection<PaymentStatus> statuses, Instant cutoff, Limit limit);
}
