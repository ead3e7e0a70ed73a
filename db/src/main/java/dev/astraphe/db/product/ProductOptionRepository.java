package dev.astraphe.db.product;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProductOptionRepository extends JpaRepository<ProductOption, Long> {

    List<ProductOption> findByProductIdOrderBySortOrderAscIdAsc(Long productId);

    Optional<ProductOption> findByIdAndProductId(Long id, Long productId);
}
