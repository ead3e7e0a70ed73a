package dev.astraphe.shared.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;

/** The security context every app stores must come back from the shared JSON intact. */
class SessionJsonRoundTripTest {

    private final RedisSerializer<Object> serializer = new SharedSessionConfiguration().springSessionDefaultRedisSerializer();

    @Test
    void securityContextWithAstrapheUserSurvivesTheRoundTrip() {
        AstrapheUser user = AstrapheUser.of(7, "minji@example.com", "Minji Kim", Role.SHOPPER, null);
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        SecurityContextImpl context = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));

        Object read = serializer.deserialize(serializer.serialize(context));

        AstrapheUser back = (AstrapheUser) ((SecurityContextImpl) read).getAuthentication().getPrincipal();
        assertThat(back.id()).isEqualTo(7);
        assertThat(back.displayName()).isEqualTo("Minji Kim");
        assertThat(back.hasRole(Role.SHOPPER)).isTrue();
        assertThat(back.isEnabled()).isTrue();
        assertThat(((SecurityContextImpl) read).getAuthentication().getAuthorities())
                .extracting(GrantedAuthority::getAuthority).contains("ROLE_SHOPPER", "FACTOR_PASSWORD");
    }
}
