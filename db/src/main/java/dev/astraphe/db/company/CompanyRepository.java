package dev.astraphe.db.company;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CompanyRepository extends JpaRepository<Company, Long> {

    boolean existsByBusinessNumber(String businessNumber);

    boolean existsByBusinessNumberAndIdNot(String businessNumber, Long id);

    List<Company> findByApprovalStatusOrderByCreatedAtAsc(ApprovalStatus status);

    /** The latest decisions, newest first (a company that applied again is pending, and not among them). */
    List<Company> findTop20ByApprovalStatusInOrderByDecidedAtDesc(List<ApprovalStatus> statuses);
}
