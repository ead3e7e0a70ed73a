package dev.astraphe.shared.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal kept in the shared Spring Session and read by the storefront, queue-edge and the
 * seller console. {@link #getUsername()} is the account id, so the session index is keyed by an id
 * that never changes (an e-mail can).
 *
 * <p>Stored as JSON: the roles list is copied into an {@link ArrayList} because the immutable JDK
 * lists are not on Spring Security's Jackson allow-list, and the password never leaves the JVM.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AstrapheUser(long id, String email, String displayName, List<String> roles, Long companyId,
                           @JsonIgnore String password, @JsonIgnore boolean disabled) implements UserDetails, CredentialsContainer, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public AstrapheUser {
        roles = roles == null ? new ArrayList<>() : new ArrayList<>(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role.name());
    }

    @Override
    @JsonIgnore
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }

    @Override
    @JsonIgnore
    public String getPassword() {
        return password;
    }

    @Override
    @JsonIgnore
    public String getUsername() {
        return Long.toString(id);
    }

    /** A record cannot null its component, so erasure is a no-op here; the stored copy is built without it. */
    @Override
    public void eraseCredentials() {
    }

    /** Disabled accounts are refused at login; their sessions are revoked when they are disabled. */
    @Override
    @JsonIgnore
    public boolean isEnabled() {
        return !disabled;
    }

    public static AstrapheUser of(long id, String email, String displayName, Role role, Long companyId) {
        return new AstrapheUser(id, email, displayName, List.of(role.name()), companyId, null, false);
    }
}
