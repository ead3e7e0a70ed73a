package dev.astraphe.console.admin;

import dev.astraphe.console.web.ActionRefusedException;
import dev.astraphe.console.web.NotFoundException;
import dev.astraphe.db.audit.AuditLogEntry;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An admin's decision on a seller's company, recorded in the audit log in the same transaction. */
@Service
public class CompanyApprovals {

    private final CompanyRepository companies;
    private final AuditLogRepository audit;
    private final AdminGuard guard;
    private final Clock clock = Clock.systemUTC();

    CompanyApprovals(CompanyRepository companies, AuditLogRepository audit, AdminGuard guard) {
        this.companies = companies;
        this.audit = audit;
        this.guard = guard;
    }

    @Transactional
    public Company approve(long actorId, long companyId) {
        return approve(actorId, companyId, null);
    }

    /**
     * As {@link #approve(long, long)}, refused unless the company is still as the admin saw it ({@code seenVersion},
     * null: not checked): rejected and corrected meanwhile, it shows details the admin never read.
     */
    @Transactional
    public Company approve(long actorId, long companyId, Long seenVersion) {
        return decide(actorId, companyId, seenVersion, ApprovalStatus.APPROVED, "COMPANY_APPROVED", null);
    }

    /** Rejects with the reason the seller is shown; refused without one, or past {@link Company#REJECTION_REASON_MAX}. */
    @Transactional
    public Company reject(long actorId, long companyId, String reason) {
        return reject(actorId, companyId, null, reason);
    }

    /**
     * As {@link #reject(long, long, String)}, checked against the version the admin saw, as
     * {@link #approve(long, long, Long)}. A reason is required: the seller corrects the company by it.
     */
    @Transactional
    public Company reject(long actorId, long companyId, Long seenVersion, String reason) {
        return decide(actorId, companyId, seenVersion, ApprovalStatus.REJECTED, "COMPANY_REJECTED", reason);
    }

    private Company decide(long actorId, long companyId, Long seenVersion, ApprovalStatus status, String action, String reason) {
        guard.requireAdmin(actorId);
        Company company = companies.findById(companyId).orElseThrow(() -> new NotFoundException("company " + companyId));
        if (company.getApprovalStatus() != ApprovalStatus.PENDING) {
            throw new ActionRefusedException("admin.refused.already-decided");
        }
        if (seenVersion != null && seenVersion != company.getVersion()) {
            throw new ActionRefusedException("admin.refused.changed-meanwhile");
        }
        if (status == ApprovalStatus.REJECTED && (reason == null || reason.isBlank())) {
            throw new ActionRefusedException("admin.refused.reason-required");
        }
        if (reason != null && reason.strip().length() > Company.REJECTION_REASON_MAX) {
            throw new ActionRefusedException("admin.refused.reason-too-long");
        }
        company.decide(status, actorId, clock.instant(), reason);
        String named = company.getName() + " (" + company.getBusinessNumber() + ")";
        audit.save(new AuditLogEntry(actorId, action, "COMPANY", Long.toString(companyId), company.getName(),
                company.getRejectionReason() == null ? named : named + ": " + company.getRejectionReason()));
        return company;
    }
}
