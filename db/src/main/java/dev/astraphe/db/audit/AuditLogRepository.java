package dev.astraphe.db.audit;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface AuditLogRepository extends JpaRepository<AuditLogEntry, Long> {

    Page<AuditLogEntry> findAllByOrderByCreatedAtDesc(Pageable pageable);

    List<AuditLogEntry> findByTargetTypeAndTargetIdOrderByCreatedAtDesc(String targetType, String targetId);

    /**
     * A deleted account's e-mail out of the entries about it (its name then, and the detail that repeats it), replaced
     * by the account's anonymised one: what admins did to it stays on record by its id, its owner's address does not.
     */
    @Modifying
    @Query("update AuditLogEntry e set e.targetName = :anonymised, e.detail = replace(e.detail, :email, :anonymised)"
            + " where e.targetType = 'ACCOUNT' and e.targetId = :accountId")
    int forgetAccountEmail(@Param("accountId") String accountId, @Param("email") String email,
                           @Param("anonymised") String anonymised);
}
