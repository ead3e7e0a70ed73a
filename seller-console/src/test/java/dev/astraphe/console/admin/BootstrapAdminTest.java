package dev.astraphe.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.astraphe.console.ConsoleIntegrationTest;
import dev.astraphe.db.account.Account;
import dev.astraphe.shared.session.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

class BootstrapAdminTest extends ConsoleIntegrationTest {

    @Autowired BootstrapAdmin bootstrapAdmin;

    @Test
    void theConfiguredAdminIsCreatedOnceAndARestartCreatesNothing() {
        Account admin = admin();
        assertThat(admin.getRole()).isEqualTo(Role.ADMIN);
        assertThat(passwordEncoder.matches("bootstrap-secret-1", admin.getPasswordHash())).isTrue();
        long admins = accounts.countByRole(Role.ADMIN);
        long all = accounts.count();

        bootstrapAdmin.run(new DefaultApplicationArguments());
        bootstrapAdmin.run(new DefaultApplicationArguments());

        assertThat(accounts.countByRole(Role.ADMIN)).isEqualTo(admins);
        assertThat(accounts.count()).isEqualTo(all);
        assertThat(admin().getId()).isEqualTo(admin.getId());
    }
}
