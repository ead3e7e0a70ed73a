package dev.astraphe.db.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RefundRepository extends JpaRepository<Refund, Long> {

    List<Refund> findByStatusAndNextAttemptAtLessThanEqualOrderByNextAttemptAtAsc(
            RefundStatus status, Instant now, Limit limit);

    Optional<Refund> findByIdempotencyKey(String idempotencyKey);

    List<Refund> findByOrderId(Long orderId);
}
