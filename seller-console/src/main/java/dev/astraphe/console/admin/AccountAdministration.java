package dev.astraphe.console.admin;

import dev.astraphe.console.web.ActionRefusedException;
import dev.astraphe.console.web.NotFoundException;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.audit.AuditLogEntry;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.session.SessionRevoker;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Admin actions on accounts. Each one changes the account and writes its audit entry in one
 * transaction; disabling and role changes also end the user's sessions in every app, so the old
 * role or access cannot outlive the change.
 */
@Service
public class AccountAdministration {

    private final AccountRepository accounts;
    private final AuditLogRepository audit;
    private final AdminGuard guard;
    private final SessionRevoker sessions;

    AccountAdministration(AccountRepository accounts, AuditLogRepository audit, AdminGuard guard, SessionRevoker sessions) {
        this.accounts = accounts;
        this.audit = audit;
        this.guard = guard;
        this.sessions = sessions;
    }

    @Transactional
    public Account disable(long actorId, long accountId) {
        Account target = target(actorId, accountId, "admin.refused.self-disable");
        target.disable();
        record(actorId, "ACCOUNT_DISABLED", target, "");
        revokeSessionsAfterCommit(accountId);
        return target;
    }

    @Transactional
    public Account enable(long actorId, long accountId) {
        guard.requireAdmin(actorId);
        Account target = find(accountId);
        target.enable();
        record(actorId, "ACCOUNT_ENABLED", target, "");
        return target;
    }

    @Transactional
    public Account grantAdmin(long actorId, long accountId) {
        guard.requireAdmin(actorId);
        Account target = find(accountId);
        if (target.getRole() == Role.ADMIN) {
            return target;
        }
        record(actorId, "ROLE_CHANGED", target, target.getRole() + "->ADMIN");
        target.changeRole(Role.ADMIN);
        revokeSessionsAfterCommit(accountId);
        return target;
    }

    /**
     * Back to what the account is without the admin role: a seller (it belongs to a company, whose seller it was
     * before, and the company keeps its seller), else a shopper, who keeps no console access.
     */
    @Transactional
    public Account revokeAdmin(long actorId, long accountId) {
        Account target = target(actorId, accountId, "admin.refused.self-demote");
        if (target.getRole() != Role.ADMIN) {
            return target;
        }
        Role back = target.getCompanyId() != null ? Role.SELLER : Role.SHOPPER;
        target.changeRole(back);
        record(actorId, "ROLE_CHANGED", target, "ADMIN->" + back);
        revokeSessionsAfterCommit(accountId);
        return target;
    }

    private Account target(long actorId, long accountId, String selfRefusal) {
        guard.requireAdmin(actorId);
        if (actorId == accountId) {
            throw new ActionRefusedException(selfRefusal);
        }
        return find(accountId);
    }

    private Account find(long accountId) {
        return accounts.findById(accountId).filter(a -> a.getDeletedAt() == null)
                .orElseThrow(() -> new NotFoundException("account " + accountId));
    }

    private void record(long actorId, String action, Account target, String detail) {
        audit.save(new AuditLogEntry(actorId, action, "ACCOUNT", Long.toString(target.getId()), target.getEmail(),
                detail.isEmpty() ? target.getEmail() : target.getEmail() + " " + detail));
    }

    /**
     * After commit: revoking earlier would let the user sign in again in the gap, while the
     * database still said they were allowed.
     */
    private void revokeSessionsAfterCommit(long accountId) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sessions.revokeAll(accountId);
            }
        });
    }
}
