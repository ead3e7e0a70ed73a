package dev.astraphe.queue.room;

import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository.RedisSession;

/** Signed-in users' sessions, stored in Redis as the storefront stores them after a login. */
public final class TestShoppers {

    private TestShoppers() {
    }

    /** A new session of user {@code id} with {@code role}; returns the session id (the SESSION cookie's value). */
    public static String session(ReactiveRedisIndexedSessionRepository sessions, long id, Role role) {
        AstrapheUser user = AstrapheUser.of(id, "u" + id + "@example.com", "User " + id, role, null);
        List<GrantedAuthority> authorities = List.copyOf(user.getAuthorities());
        RedisSession session = sessions.createSession().block();
        session.setAttribute("SPRING_SECURITY_CONTEXT",
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities)));
        sessions.save(session).block();
        return session.getId();
    }
}
