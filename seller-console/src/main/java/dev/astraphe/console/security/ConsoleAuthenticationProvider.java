package dev.astraphe.console.security;

import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/** The shared throttled password login, and then only sellers and admins get into the console. */
class ConsoleAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider login;

    ConsoleAuthenticationProvider(AuthenticationProvider login) {
        this.login = login;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication result = login.authenticate(authentication);
        AstrapheUser user = (AstrapheUser) result.getPrincipal();
        if (!user.hasRole(Role.SELLER) && !user.hasRole(Role.ADMIN)) {
            throw ConsoleLoginFailure.notASeller();
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return login.supports(authentication);
    }
}
