package dev.astraphe.db.follow;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface SaleFollowRepository extends JpaRepository<SaleFollow, SaleFollowId> {

    /** Following twice is not an error: the second click changes nothing. */
    @Modifying
    @Query(value = """
            insert into sale_follows (shopper_id, product_id, created_at) values (:shopperId, :productId, now())
            on conflict (shopper_id, product_id) do nothing""", nativeQuery = true)
    int follow(@Param("shopperId") Long shopperId, @Param("productId") Long productId);

    @Modifying
    @Query("delete from SaleFollow f where f.id.shopperId = :shopperId and f.id.productId = :productId")
    int unfollow(@Param("shopperId") Long shopperId, @Param("productId") Long productId);

    @Query("select count(f) > 0 from SaleFollow f where f.id.shopperId = :shopperId and f.id.productId = :productId")
    boolean isFollowing(@Param("shopperId") Long shopperId, @Param("productId") Long productId);

    @Query("select f from SaleFollow f where f.id.shopperId = :shopperId order by f.createdAt desc")
    Page<SaleFollow> findByShopper(@Param("shopperId") Long shopperId, Pageable pageable);

    @Query("select f.id.shopperId from SaleFollow f where f.id.productId = :productId")
    List<Long> findFollowerIds(@Param("productId") Long productId);

    @Query("select count(f) from SaleFollow f where f.id.productId = :productId")
    long countFollowers(@Param("productId") Long productId);
}
