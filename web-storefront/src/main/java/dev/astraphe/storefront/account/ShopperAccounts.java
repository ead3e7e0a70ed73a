package dev.astraphe.storefront.account;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.account.AccountUserDetailsService;
import dev.astraphe.db.account.AddressRepository;
import dev.astraphe.db.audit.AuditLogRepository;
import dev.astraphe.shared.security.PasswordPolicy;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.session.SessionRevoker;
import dev.astraphe.storefront.web.NotFoundException;
import java.time.Instant;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shopper accounts: sign-up, profile, password, deletion. The role is always SHOPPER here; no
 * caller can choose another. Session revocation happens after the change has committed, so a
 * revoked browser that logs in again sees the new state.
 */
@Service
public class ShopperAccounts {

    private final AccountRepository accounts;
    private final AddressRepository addresses;
    private final PasswordEncoder passwordEncoder;
    private final SessionRevoker sessions;
    private final TransactionTemplate tx;
    private final AuditLogRepository audit;

    ShopperAccounts(AccountRepository accounts, AddressRepository addresses, PasswordEncoder passwordEncoder,
                    SessionRevoker sessions, TransactionTemplate tx, AuditLogRepository audit) {
        this.accounts = accounts;
        this.addresses = addresses;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.tx = tx;
        this.audit = audit;
    }

    /** Creates a shopper. The unique index on e-mail decides races; the pre-check only gives the common case a cheap answer. */
    public Account register(String email, String rawPassword, String displayName, String phone) throws DuplicateEmailException {
        String normalized = Account.normalizeEmail(email);
        String weak = PasswordPolicy.violation(rawPassword, normalized);
        if (weak != null) {
            throw new IllegalArgumentException(weak);
        }
        if (accounts.existsByEmail(normalized)) {
            throw new DuplicateEmailException(normalized);
        }
        Account account = new Account(normalized, passwordEncoder.encode(rawPassword), displayName.trim(), Role.SHOPPER, null);
        account.updateProfile(displayName.trim(), blankToNull(phone));
        try {
            return accounts.saveAndFlush(account);
        } catch (DataIntegrityViolationException e) {
            if (isEmailConflict(e)) {
                throw new DuplicateEmailException(normalized);
            }
            throw e;
        }
    }

    public Account get(long accountId) {
        return accounts.findById(accountId).filter(Account::isActive).orElseThrow(() -> new NotFoundException("account"));
    }

    /** Returns the principal to put back into the session, so the header shows the new name at once. */
    public AstrapheUser updateProfile(long accountId, String displayName, String phone) {
        return tx.execute(status -> {
            Account account = get(accountId);
            account.updateProfile(displayName.trim(), blankToNull(phone));
            return AccountUserDetailsService.toPrincipal(accounts.saveAndFlush(account));
        });
    }

    /** Changes the password and ends every session of the account, the caller's included. */
    public void changePassword(long accountId, String currentPassword, String newPassword) throws WrongPasswordException {
        Boolean changed = tx.execute(status -> {
            Account account = get(accountId);
            if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
                return false;
            }
            String weak = PasswordPolicy.violation(newPassword, account.getEmail());
            if (weak != null) {
                throw new IllegalArgumentException(weak);
            }
            account.changePasswordHash(passwordEncoder.encode(newPassword));
            return true;
        });
        if (!Boolean.TRUE.equals(changed)) {
            throw new WrongPasswordException();
        }
        sessions.revokeAll(accountId);
    }

    /**
     * Deletes (anonymises) the account and its addresses after checking its password, takes its e-mail out of the
     * admins' audit log (the entries stay, by id), and ends all its sessions.
     */
    public void delete(long accountId, String password) throws WrongPasswordException {
        Boolean deleted = tx.execute(status -> {
            Account account = get(accountId);
            if (!passwordEncoder.matches(password, account.getPasswordHash())) {
                return false;
            }
            String email = account.getEmail();
            account.markDeleted(Instant.now());
            audit.forgetAccountEmail(Long.toString(accountId), email, account.getEmail());
            // addresses are personal data too; orders keep their own copy of the delivery address
            addresses.deleteAll(addresses.findByAccountIdOrderByDefaultAddressDescIdAsc(accountId));
            return true;
        });
        if (!Boolean.TRUE.equals(deleted)) {
            throw new WrongPasswordException();
        }
        sessions.revokeAll(accountId);
    }

    private static boolean isEmailConflict(DataIntegrityViolationException e) {
        String message = e.getMostSpecificCause().getMessage();
        return message != null && message.contains("accounts_email_key");
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
