package dev.astraphe.shared.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.jackson.SecurityJacksonModules;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

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

    /** What Spring Security alone would write and read: the JSON format every existing session has. */
    private static JsonMapper springSecurityOnly() {
        BasicPolymorphicTypeValidator.Builder allow = BasicPolymorphicTypeValidator.builder()
                .allowIfSubType(AstrapheUser.class).allowIfSubType(Long.class).allowIfSubType(ArrayList.class);
        return JsonMapper.builder().addModules(SecurityJacksonModules.getModules(SessionJsonRoundTripTest.class.getClassLoader(), allow))
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    }

    @Test
    void theFastTokenReaderReadsExactlyWhatSpringSecuritysReaderReads() {
        JsonMapper ours = SharedSessionConfiguration.sessionJsonMapper(getClass().getClassLoader());
        assertThat(ours.deserializationConfig().findMixInClassFor(UsernamePasswordAuthenticationToken.class))
                .isEqualTo(SharedSessionConfiguration.AuthenticationTokenMixin.class);
        JsonMapper theirs = springSecurityOnly();
        AstrapheUser seller = new AstrapheUser(12, "seller@example.com", "Seller \"Kim\"", List.of("SELLER", "ADMIN"), 34L, null, false);
        List<GrantedAuthority> authorities = new ArrayList<>(seller.getAuthorities());
        authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                .issuedAt(Instant.ofEpochSecond(1_795_561_908L, 343_051_777)).build());
        List<Object> contexts = List.of(
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(seller, null, authorities)),
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
                        AstrapheUser.of(7, "minji@example.com", "Minji", Role.SHOPPER, null), null, List.of())),
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.unauthenticated("someone", "secret")));
        for (Object context : contexts) {
            String json = theirs.writeValueAsString(context);
            assertThat(ours.writeValueAsString(context)).isEqualTo(json);
            Object fast = ours.readValue(json, Object.class);
            assertThat(fast).isEqualTo(theirs.readValue(json, Object.class));
            var token = (UsernamePasswordAuthenticationToken) ((SecurityContextImpl) fast).getAuthentication();
            assertThat(token.isAuthenticated()).isEqualTo(((SecurityContextImpl) context).getAuthentication().isAuthenticated());
        }
        var back = ((SecurityContextImpl) ours.readValue(theirs.writeValueAsString(contexts.get(0)), Object.class)).getAuthentication();
        assertThat(back.getPrincipal()).isEqualTo(seller);
        assertThat(back.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_SELLER", "ROLE_ADMIN", FactorGrantedAuthority.PASSWORD_AUTHORITY);
        // Jackson reads the decimal seconds as a double, both readers alike: sub-microsecond digits are lost
        assertThat(back.getAuthorities()).filteredOn(FactorGrantedAuthority.class::isInstance).singleElement()
                .extracting(a -> ((FactorGrantedAuthority) a).getIssuedAt())
                .isEqualTo(Instant.ofEpochSecond(1_795_561_908L, 343_051_700));
    }
}
