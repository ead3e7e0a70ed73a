package dev.astraphe.console.admin;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.shared.session.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The services below are callable from code as well as from admin pages, so they check the actor
 * themselves: a current, enabled ADMIN according to the database, not to a possibly stale session.
 */
@Component
class AdminGuard {

    private final AccountRepository accounts;

    AdminGuard(AccountRepository accounts) {
        this.accounts = accounts;
    }

    Account requireAdmin(long actorId) {
        return accounts.findById(actorId)
                .filter(a -> a.getRole() == Role.ADMIN && a.isActive())
                .orElseThrow(() -> new AccessDeniedException("not an admin"));
    }
}
