package dev.astraphe.bench;

import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.session.SharedSessionConfiguration;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;

/**
 * Logged-in shoppers without the storefront's bcrypt: each session is written by Spring Session's own indexed
 * repository, with the apps' JSON mapper and namespace, holding what a storefront form login stores (a security
 * context whose authentication carries an {@link AstrapheUser} SHOPPER, its role and the password factor).
 * queue-edge cannot tell these sessions from real ones.
 *
 * <p>Each line of the output is {@code sessionId csrfCookie csrfHeader}: queue-edge keeps its CSRF token in the
 * {@code QUEUE-XSRF-TOKEN} cookie ({@code CookieServerCsrfTokenRepository}), and the default
 * {@code XorServerCsrfTokenRequestAttributeHandler} accepts a header that is the cookie's token XOR-masked with
 * random bytes, which is exactly what a browser gets from the page's meta tag.
 */
final class SessionSeeder {

    private static final String NAMESPACE = "astraphe:session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionSeeder() {
    }

    static void seed(int port, int count, long firstUser, Path out) throws Exception {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        factory.start();
        RedisTemplate<String, Object> template = new RedisTemplate<>();
        template.setConnectionFactory(factory);
        template.setKeySerializer(RedisSerializer.string());
        template.setHashKeySerializer(RedisSerializer.string());
        GenericJacksonJsonRedisSerializer json = new GenericJacksonJsonRedisSerializer(
                SharedSessionConfiguration.sessionJsonMapper(SessionSeeder.class.getClassLoader()));
        template.setValueSerializer(json);
        template.setHashValueSerializer(json);
        template.afterPropertiesSet();
        RedisIndexedSessionRepository repository = new RedisIndexedSessionRepository(template);
        repository.setRedisKeyNamespace(NAMESPACE);
        repository.setDefaultMaxInactiveInterval(Duration.ofHours(2));
        repository.setDefaultSerializer(json);

        List<String> lines = new ArrayList<>(count);
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<String>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long userId = firstUser + i;
                futures.add(pool.submit(() -> one(repository, userId)));
            }
            for (Future<String> f : futures) {
                lines.add(f.get());
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            for (String line : lines) {
                w.write(line);
                w.newLine();
            }
        }
        factory.destroy();
        System.out.println(count + " shopper sessions seeded in " + NAMESPACE + " -> " + out);
    }

    private static String one(RedisIndexedSessionRepository repository, long userId) {
        AstrapheUser user = AstrapheUser.of(userId, "shopper" + userId + "@bench.example", "Shopper " + userId, Role.SHOPPER, null);
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        SecurityContextImpl context = new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
        var session = repository.createSession();
        session.setAttribute(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME, context);
        repository.save(session);
        String token = UUID.randomUUID().toString();
        return session.getId() + " " + token + " " + masked(token);
    }

    /** What XorServerCsrfTokenRequestAttributeHandler renders: base64url(random || random XOR token). */
    static String masked(String token) {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[t.length];
        RANDOM.nextBytes(random);
        byte[] combined = new byte[t.length * 2];
        System.arraycopy(random, 0, combined, 0, t.length);
        for (int i = 0; i < t.length; i++) {
            combined[t.length + i] = (byte) (random[i] ^ t[i]);
        }
        return Base64.getUrlEncoder().encodeToString(combined);
    }
}
