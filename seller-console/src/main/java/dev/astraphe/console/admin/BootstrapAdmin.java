package dev.astraphe.console.admin;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.shared.session.Role;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Creates the first admin at start-up when {@code astraphe.bootstrap-admin.email}/{@code .password}
 * are set and no admin exists yet; afterwards admins are only made by admins. Safe on every restart.
 */
@Component
@Order(0)
public class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapAdminProperties properties;
    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;

    BootstrapAdmin(BootstrapAdminProperties properties, AccountRepository accounts, PasswordEncoder passwordEncoder) {
        this.properties = properties;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.configured() || accounts.countByRole(Role.ADMIN) > 0) {
            return;
        }
        String email = Account.normalizeEmail(properties.email());
        if (accounts.existsByEmail(email)) {
            log.warn("Bootstrap admin not created: {} already belongs to a non-admin account", email);
            return;
        }
        try {
            accounts.saveAndFlush(new Account(email, passwordEncoder.encode(properties.password()), properties.displayName(), Role.ADMIN, null));
            log.info("Bootstrap admin created: {}", email);
        } catch (DataIntegrityViolationException e) {
            // another console instance starting at the same moment created it
            log.info("Bootstrap admin {} was created concurrently", email);
        }
    }

    /** The configured bootstrap admin, if it exists and still is an admin (the demo data acts as them). */
    public Optional<Account> configuredAdmin() {
        if (!properties.configured()) {
            return Optional.empty();
        }
        return accounts.findByEmail(Account.normalizeEmail(properties.email()))
                .filter(a -> a.getRole() == Role.ADMIN && a.isActive());
    }
}
