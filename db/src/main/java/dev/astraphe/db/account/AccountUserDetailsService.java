package dev.astraphe.db.account;

import dev.astraphe.shared.session.AstrapheUser;
import java.util.List;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads an account by e-mail for form login. The principal it returns is the shared
 * {@link AstrapheUser}, so every app reads the same user from the shared session. Deleted accounts
 * are not found; disabled ones are found and then refused by Spring Security's account checks.
 */
public class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final AccountRepository accounts;

    public AccountUserDetailsService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    @Transactional(readOnly = true)
    public AstrapheUser loadUserByUsername(String email) {
        Account account = accounts.findByEmail(Account.normalizeEmail(email))
                .filter(a -> a.getDeletedAt() == null)
                .orElseThrow(() -> new UsernameNotFoundException("no account"));
        return toPrincipal(account);
    }

    /**
     * Stores a password hash again (the login stores one hashed before the forms dropped invisible characters as they
     * bind it now: {@code ThrottledAuthenticationProvider}).
     */
    @Override
    public AstrapheUser updatePassword(UserDetails user, String newPasswordHash) {
        // the principal's user name is the account id (AstrapheUser)
        Account account = accounts.findById(Long.parseLong(user.getUsername()))
                .filter(a -> a.getDeletedAt() == null)
                .orElseThrow(() -> new UsernameNotFoundException("no account"));
        account.changePasswordHash(newPasswordHash);
        return toPrincipal(accounts.save(account));
    }

    public static AstrapheUser toPrincipal(Account account) {
        return new AstrapheUser(account.getId(), account.getEmail(), account.getDisplayName(),
                List.of(account.getRole().name()), account.getCompanyId(), account.getPasswordHash(), account.isDisabled());
    }
}
