package dev.astraphe.shared.security;

import dev.astraphe.shared.web.TypedText;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password login as the storefront and the console both do it: the throttle is consulted before the
 * password is checked (a blocked e-mail cannot be used to test passwords, even the right one is
 * refused until the window has passed), wrong passwords are counted, a success clears the count.
 */
public class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    public ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /**
     * Account status (disabled) is checked only after the password matched: a wrong password on a
     * disabled account says "wrong credentials", so the status is not revealed to a guesser.
     */
    public static ThrottledAuthenticationProvider passwordLogin(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        dao.setPreAuthenticationChecks(user -> { });
        dao.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        return new ThrottledAuthenticationProvider(dao, throttle);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName();
        if (throttle.isBlocked(email)) {
            throw new LoginThrottledException();
        }
        Authentication result;
        try {
            result = passwords.authenticate(asStored(authentication));
        } catch (BadCredentialsException e) {
            throttle.recordFailure(email);
            throw e;
        }
        throttle.recordSuccess(email);
        return result;
    }

    /**
     * The password as the sign-up and password forms bound it ({@link TypedText}): the login form is read by Spring
     * Security, not bound, so a password typed with a character those forms drop would otherwise never match.
     */
    private static Authentication asStored(Authentication authentication) {
        if (authentication instanceof UsernamePasswordAuthenticationToken token && token.getCredentials() instanceof String typed) {
            String cleaned = TypedText.clean(typed);
            if (!cleaned.equals(typed)) {
                UsernamePasswordAuthenticationToken asStored =
                        UsernamePasswordAuthenticationToken.unauthenticated(token.getPrincipal(), cleaned);
                asStored.setDetails(token.getDetails());
                return asStored;
            }
        }
        return authentication;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
