package dev.astraphe.console.security;

import dev.astraphe.shared.security.LoginThrottle;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Form login for the console: the throttle is consulted before the password is checked (so a
 * blocked e-mail gives a guesser nothing), failures are counted, and only sellers and admins get in.
 */
class ConsoleAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ConsoleAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName();
        if (throttle.isBlocked(email)) {
            throw ConsoleLoginFailure.throttled();
        }
        Authentication result;
        try {
            result = passwords.authenticate(authentication);
        } catch (BadCredentialsException e) {
            throttle.recordFailure(email);
            throw e;
        }
        throttle.recordSuccess(email);
        AstrapheUser user = (AstrapheUser) result.getPrincipal();
        if (!user.hasRole(Role.SELLER) && !user.hasRole(Role.ADMIN)) {
            throw ConsoleLoginFailure.notASeller();
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
