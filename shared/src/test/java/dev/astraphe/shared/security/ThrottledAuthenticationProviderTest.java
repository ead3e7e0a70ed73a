package dev.astraphe.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The login's password as the forms bind it (invisible characters dropped, {@code TypedText}), and a password stored
 * as typed before they were: it logs in as typed, once counted per wrong try, and is stored again without them.
 */
class ThrottledAuthenticationProviderTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    private final LoginThrottle throttle = mock(LoginThrottle.class);
    private final ThrottledAuthenticationProvider login = ThrottledAuthenticationProvider.passwordLogin(users, encoder, throttle);

    @Test
    void aPasswordStoredCleanedMatchesOneTypedWithAZeroWidthSpace() {
        users.createUser(User.withUsername("new@example.com").password(encoder.encode("horse-battery")).build());

        assertThat(login.authenticate(attempt("new@example.com", "horse\u200B-battery")).isAuthenticated()).isTrue();
        // the e-mail too, and the throttle counts by the e-mail as stored
        assertThat(login.authenticate(attempt("\u200Bnew@example.com", "horse-battery")).isAuthenticated()).isTrue();
        verify(throttle, times(2)).recordSuccess("new@example.com");
    }

    @Test
    void aPasswordStoredAsTypedLogsInAsTypedAndIsStoredAgainCleaned() {
        users.createUser(User.withUsername("old@example.com").password(encoder.encode("horse\u200B-battery")).build());

        assertThatThrownBy(() -> login.authenticate(attempt("old@example.com", "wrong\u200B-guess")))
                .isInstanceOf(BadCredentialsException.class);
        verify(throttle, times(1)).recordFailure("old@example.com"); // tried both ways, counted once

        assertThat(login.authenticate(attempt("old@example.com", "horse\u200B-battery")).isAuthenticated()).isTrue();
        assertThat(encoder.matches("horse-battery", users.loadUserByUsername("old@example.com").getPassword())).isTrue();
        // from now on as the forms send it
        assertThat(login.authenticate(attempt("old@example.com", "horse-battery")).isAuthenticated()).isTrue();
    }

    private static UsernamePasswordAuthenticationToken attempt(String email, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(email, password);
    }
}
