package dev.astraphe.db.order;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface OrderRepository extends JpaRepository<Order, Long> {

    Optional<Order> findByOrderNumber(String orderNumber);

    /** A shopper sees only their own orders. */
    Optional<Order> findByOrderNumberAndShopperId(String orderNumber, Long shopperId);

    Optional<Order> findByShopperIdAndIdempotencyKey(Long shopperId, String idempotencyKey);

    Optional<Order> findByAdmissionId(String admissionId);

    Page<Order> findByShopperIdOrderByCreatedAtDesc(Long shopperId, Pageable pageable);

    Page<Order> findByProductIdOrderByCreatedAtDesc(Long productId, Pageable pageable);

    List<Order> findByProductIdAndStatusIn(Long productId, Collection<OrderStatus> statuses);

    /** Oldest first, for the sweeps: unpaid reservations past expiry, PAYING past the reconcile limit, stuck PENDING. */
    List<Order> findByStatusAndReservationExpiresAtBeforeOrderByReservationExpiresAtAsc(
            OrderStatus status, Instant cutoff, Limit limit);

    List<Order> findByStatusAndCreatedAtBeforeOrderByCreatedAtAsc(OrderStatus status, Instant cutoff, Limit limit);

    /** Units a shopper already holds of a product, for the per-shopper limit. */
    @Query("""
            select coalesce(sum(o.quantity), 0) from ShopOrder o
            where o.shopperId = :shopperId and o.productId = :productId and o.status in :statuses""")
    long sumQuantity(@Param("shopperId") Long shopperId, @Param("productId") Long productId,
                     @Param("statuses") Collection<OrderStatus> statuses);

    long countByProductIdAndStatus(Long productId, OrderStatus status);

    /** Whether any order of the product is in one of these statuses (the product page: are held units unpaid?). */
    boolean existsByProductIdAndStatusIn(Long productId, Collection<OrderStatus> statuses);

    /** Of these products, those with an order in one of these statuses (a listing's products, in one query). */
    @Query("""
            select distinct o.productId from ShopOrder o
            where o.productId in :productIds and o.status in :statuses""")
    Set<Long> findProductIdsWithStatusIn(@Param("productIds") Collection<Long> productIds,
                                         @Param("statuses") Collection<OrderStatus> statuses);

    /**
     * Compare-and-set RESERVED → PAYING for an unexpired reservation of this shopper; 1 when this caller won.
     * Bumps the version so a stale entity elsewhere cannot overwrite the move.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update ShopOrder o set o.status = dev.astraphe.db.order.OrderStatus.PAYING, o.payingAt = :now,
                                   o.updatedAt = :now, o.version = o.version + 1
            where o.id = :id and o.shopperId = :shopperId
              and o.status = dev.astraphe.db.order.OrderStatus.RESERVED and o.reservationExpiresAt > :now""")
    int markPaying(@Param("id") Long id, @Param("shopperId") Long shopperId, @Param("now") Instant now);
}
