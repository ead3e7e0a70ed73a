package dev.astraphe.db.product;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ProductRepository extends JpaRepository<Product, Long> {

    /** A seller sees only their own company's products. */
    Optional<Product> findByIdAndCompanyId(Long id, Long companyId);

    Page<Product> findByCompanyId(Long companyId, Pageable pageable);

    /** What the storefront lists: visible, not cancelled or stopped (an admin's stop is final), not yet ended. */
    @Query("""
            select p from Product p
            where p.hidden = false
              and p.saleStatus not in (dev.astraphe.db.product.SaleStatus.CANCELLED, dev.astraphe.db.product.SaleStatus.STOPPED)
              and (p.saleEndsAt is null or p.saleEndsAt > :now)
              and (:categoryId is null or p.categoryId = :categoryId)
            order by p.saleStartsAt asc, p.id asc""")
    Page<Product> findListed(@Param("now") Instant now, @Param("categoryId") Long categoryId, Pageable pageable);

    /**
     * Whether a visible product shows this image, as its main or its description image: the storefront serves no
     * other image from the bucket (V5 indexes both keys).
     */
    @Query("""
            select count(p) > 0 from Product p
            where p.hidden = false and (p.mainImageKey = :key or p.descriptionImageKey = :key)""")
    boolean existsVisibleWithImage(@Param("key") String key);

    /** Sales under way at {@code now} (started, not ended, not cancelled; hidden too), the latest start first. */
    @Query("""
            select p from Product p
            where p.saleStatus <> dev.astraphe.db.product.SaleStatus.CANCELLED
              and p.saleStartsAt <= :now and (p.saleEndsAt is null or p.saleEndsAt > :now)
            order by p.saleStartsAt desc, p.id desc""")
    Page<Product> findUnderWay(@Param("now") Instant now, Pageable pageable);

    /** Sales still to start at {@code now} (not cancelled; hidden too), the soonest first. */
    @Query("""
            select p from Product p
            where p.saleStatus <> dev.astraphe.db.product.SaleStatus.CANCELLED and p.saleStartsAt > :now
            order by p.saleStartsAt asc, p.id asc""")
    Page<Product> findUpcoming(@Param("now") Instant now, Pageable pageable);

    List<Product> findByIdIn(Collection<Long> ids);

    /** The worker decides a batch of stock requests under this lock, in arrival order. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Product p where p.id = :id")
    Optional<Product> findForStockDecision(@Param("id") Long id);

    /**
     * Returns units in one statement (expiry sweeps); 0 rows updated means nothing was held to return.
     * Bumps the version too, so a concurrent edit through the entity fails instead of writing stale counters.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update Product p set p.unitsHeld = p.unitsHeld - :units, p.stockVersion = p.stockVersion + 1,
                                 p.version = p.version + 1
            where p.id = :id and p.unitsHeld >= :units""")
    int releaseUnits(@Param("id") Long id, @Param("units") int units);
}
