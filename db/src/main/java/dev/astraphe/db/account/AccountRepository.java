package dev.astraphe.db.account;

import dev.astraphe.shared.session.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AccountRepository extends JpaRepository<Account, Long> {

    Optional<Account> findByEmail(String email);

    boolean existsByEmail(String email);

    List<Account> findByCompanyId(Long companyId);

    long countByRole(Role role);

    Page<Account> findByDeletedAtIsNull(Pageable pageable);
}
