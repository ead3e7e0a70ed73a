package dev.astraphe.shared.security;

import dev.astraphe.shared.web.TypedText;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
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
    private final BiConsumer<UserDetails, String> storeCleaned;

    public ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
        this(passwords, throttle, (user, password) -> { });
    }

    /**
     * {@code storeCleaned}: stores a password again as the forms now bind it (see {@link #storedAsTyped}), given the
     * account and the password without the characters {@link TypedText} drops.
     */
    public ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle,
                                           BiConsumer<UserDetails, String> storeCleaned) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.storeCleaned = storeCleaned;
    }

    /**
     * Account status (disabled) is checked only after the password matched: a wrong password on a
     * disabled account says "wrong credentials", so the status is not revealed to a guesser. When {@code users} can
     * store passwords ({@link UserDetailsPasswordService}), one stored as typed before the forms dropped invisible
     * characters is stored again without them at its next login.
     */
    public static ThrottledAuthenticationProvider passwordLogin(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        dao.setPreAuthenticationChecks(user -> { });
        dao.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        if (users instanceof UserDetailsPasswordService store) {
            return new ThrottledAuthenticationProvider(dao, throttle,
                    (user, password) -> store.updatePassword(user, encoder.encode(password)));
        }
        return new ThrottledAuthenticationProvider(dao, throttle);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication asStored = asStored(authentication);
        String email = asStored.getName();
        if (throttle.isBlocked(email)) {
            throw new LoginThrottledException();
        }
        Authentication result;
        try {
            result = passwords.authenticate(asStored);
        } catch (BadCredentialsException e) {
            Optional<Authentication> before = storedAsTyped(authentication, asStored);
            if (before.isEmpty()) {
                throttle.recordFailure(email);
                throw e;
            }
            result = before.get();
        }
        throttle.recordSuccess(email);
        return result;
    }

    /**
     * The e-mail and password as the sign-up and password forms bind them ({@link TypedText}): the login form is read
     * by Spring Security, not bound, so a password typed with a character those forms drop would otherwise never
     * match, and an e-mail with one would be another throttle's count.
     */
    private static Authentication asStored(Authentication authentication) {
        if (authentication instanceof UsernamePasswordAuthenticationToken token && token.getPrincipal() instanceof String email
                && token.getCredentials() instanceof String typed) {
            String cleanEmail = TypedText.clean(email);
            String cleaned = TypedText.clean(typed);
            if (!cleaned.equals(typed) || !cleanEmail.equals(email)) {
                return token(cleanEmail, cleaned, token);
            }
        }
        return authentication;
    }

    /**
     * A password stored before the forms dropped those characters was hashed as typed: it is tried as typed (one wrong
     * password is still one failure), and stored again as the forms now bind it, so that changing it or deleting the
     * account, whose forms send it cleaned, work too.
     */
    private Optional<Authentication> storedAsTyped(Authentication typed, Authentication asStored) {
        if (!(typed.getCredentials() instanceof String password) || password.equals(asStored.getCredentials())) {
            return Optional.empty();
        }
        Authentication result;
        try {
            result = passwords.authenticate(token((String) asStored.getPrincipal(), password, typed));
        } catch (BadCredentialsException e) {
            return Optional.empty();
        }
        if (result.getPrincipal() instanceof UserDetails user) {
            storeCleaned.accept(user, (String) asStored.getCredentials());
        }
        return Optional.of(result);
    }

    private static UsernamePasswordAuthenticationToken token(String email, String password, Authentication from) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(email, password);
        token.setDetails(from.getDetails());
        return token;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
