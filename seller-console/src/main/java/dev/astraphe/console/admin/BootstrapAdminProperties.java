package dev.astraphe.console.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The first admin, from deployment configuration only: there is no default password anywhere. */
@ConfigurationProperties("astraphe.bootstrap-admin")
record BootstrapAdminProperties(String email, String password, String displayName) {

    BootstrapAdminProperties {
        displayName = displayName == null || displayName.isBlank() ? "Administrator" : displayName;
    }

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }
}
