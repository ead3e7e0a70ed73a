package dev.astraphe.queue.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.astraphe.queue.session.KnownSessions;
import dev.astraphe.queue.web.Route;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.testsupport.UsesRedis;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.session.Session;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository.RedisSession;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * queue-edge reads the session the servlet storefront writes (same JSON, same Redis keys), sends
 * signed-out shoppers to the storefront login with a way back, and keeps the session alive while
 * the shopper waits.
 */
@UsesRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false"})
@AutoConfigureWebTestClient
class SharedSessionSecurityTest {

    // WebTestClient's base URL already ends in the /queue base path: uri("/me") requests /queue/me

    private static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";

    @Autowired
    WebTestClient web;

    @Autowired
    AppLinks links;

    @Autowired
    ReactiveRedisIndexedSessionRepository sessions;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    WebFilterChainProxy securityChains;

    @Autowired
    ServerWebExchangeFirewall firewall;

    @Autowired
    KnownSessions knownSessions;

    /** The security configuration takes queue-edge's firewall (the regex-free header rules) only if it is the one bean. */
    @Test
    void theSecurityChainsRunBehindQueueEdgesFirewall() {
        assertThat(ReflectionTestUtils.getField(securityChains, "firewall")).isSameAs(firewall);
    }

    @Test
    void pingAnswersWithoutCookieAndStartsNoSession() {
        web.get().uri("/ping").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody(String.class).isEqualTo("pong");
    }

    @Test
    void sessionlessAndSignedOutAnswersCarryTheSecurityHeaders() {
        for (var spec : List.of(web.get().uri("/ping"), web.get().uri("/p/42/poll"), web.get().uri("/me"))) {
            spec.exchange()
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate")
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        }
    }

    @Test
    void pingLeavesAnExistingSessionUntouched() {
        Session session = storeShopperSession(Instant.now().minus(Duration.ofHours(1)));
        Instant before = sessions.findById(session.getId()).block().getLastAccessedTime();

        web.get().uri("/ping").header(HttpHeaders.COOKIE, "SESSION=" + session.getId()).exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);

        assertThat(sessions.findById(session.getId()).block().getLastAccessedTime()).isEqualTo(before);
    }

    @Test
    void aSignedOutVisitorAtAnAddressWithNoPageIsToldItDoesNotExistNotSentToLogIn() {
        for (String path : new String[] {"/no-such", "/p/abc", "/p/7/nothing", "/p"}) {
            web.get().uri(path).header("Accept", "text/html").exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().doesNotExist("Location")
                    .expectBody(String.class).value(body -> assertThat(body).as(path).doesNotContain("Exception"));
        }
        web.get().uri("/p/7").exchange().expectStatus().isFound(); // a waiting room: log in first
    }

    /** {@link StorefrontLoginEntryPoint#PAGES} names every page a signed-out visitor may be asked to log in for. */
    @Test
    void everyMappedPageIsOneTheLoginLeadsBackTo(@Autowired RequestMappingHandlerMapping mappings) {
        List<String> patterns = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns()
                .forEach(pattern -> patterns.add(pattern.getPatternString())));
        for (Route route : Route.values()) {
            if (route != Route.PING && route != Route.POLL) { // public: no login asked
                patterns.add(route.pattern());
            }
        }
        assertThat(patterns).contains("/p/{productId}", "/p/{productId}/join");
        assertThat(patterns).allSatisfy(pattern -> assertThat(StorefrontLoginEntryPoint.PAGES.matcher(
                pattern.replace("{productId}", "7")).matches()).as(pattern).isTrue());
    }

    @Test
    void signedOutVisitorIsSentToStorefrontLoginWithAbsoluteWayBack() {
        String location = web.get().uri("/?product=42&x=a b").exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();

        String prefix = links.storefront("/login?continue=");
        assertThat(location).startsWith(prefix);
        String back = URLDecoder.decode(location.substring(prefix.length()), StandardCharsets.UTF_8);
        assertThat(back).isEqualTo(links.queue("/?product=42&x=a%20b"));
        assertThat(location).isEqualTo("http://localhost:8080/login?continue="
                + "http%3A%2F%2Flocalhost%3A8081%2Fqueue%2F%3Fproduct%3D42%26x%3Da%2520b");
    }

    @Test
    void meIsNotPublic() {
        web.get().uri("/me").exchange().expectStatus().isFound();
    }

    /**
     * The hash two apps ending one session at once can leave (see {@code SessionRemnants}): nothing but the zero
     * timeout. Spring Session's own reading throws on it; queue-edge must read it as no session.
     */
    @Test
    void aSessionHashLeftHalfDeletedIsNoSession() {
        Session session = storeShopperSession(Instant.now());
        String key = "astraphe:session:sessions:" + session.getId();
        redis.delete(key).block();
        redis.opsForHash().put(key, "maxInactiveInterval", "0").block();

        assertThat(sessions.findById(session.getId()).blockOptional()).isEmpty();
        web.get().uri("/?product=42").header(HttpHeaders.COOKIE, "SESSION=" + session.getId()).exchange()
                .expectStatus().isFound()
                .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith(links.storefront("/login")));
    }

    @Test
    void sessionWrittenLikeTheServletAppsIsRecognised() {
        Session session = storeShopperSession(Instant.now());

        web.get().uri("/me").header(HttpHeaders.COOKIE, "SESSION=" + session.getId())
                .accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(7)
                .jsonPath("$.email").isEqualTo("minji@example.com")
                .jsonPath("$.roles[0]").isEqualTo("SHOPPER");
    }

    @Test
    void landingPageGreetsTheShopperAndCarriesCsrfToken() {
        Session session = storeShopperSession(Instant.now());
        String cookie = "SESSION=" + session.getId();

        var result = web.get().uri("/").header(HttpHeaders.COOKIE, cookie)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult();
        String html = result.getResponseBody();
        assertThat(html).contains("Signed in as Minji Kim").contains("Astraphe")
                .contains("href=\"" + links.storefront("/") + "\"")
                .containsPattern("<meta name=\"_csrf\" content=\"[^\"]+\"");

        // the token went to its own cookie: the shared session kept its id (the servlet principal
        // index, used to end a disabled account's sessions, still points at it)
        assertThat(result.getResponseCookies().getFirst("QUEUE-XSRF-TOKEN")).isNotNull();
        assertThat(result.getResponseCookies().getFirst("SESSION")).isNull();
        assertThat(sessions.findById(session.getId()).block()).isNotNull();
        web.get().uri("/").header(HttpHeaders.COOKIE, cookie).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("Minji Kim 님으로 로그인했습니다")
                        .contains("<a href=\"?lang=en\" lang=\"en\">English</a>"));

        // its language switch stores the choice for the whole host and shows the landing page again
        var chosen = web.get().uri("/?lang=en").header(HttpHeaders.COOKIE, cookie).exchange()
                .expectStatus().is3xxRedirection().expectBody().isEmpty();
        assertThat(chosen.getResponseHeaders().getLocation()).hasToString("/queue/");
        assertThat(chosen.getResponseCookies().getFirst("astraphe-lang").getValue()).isEqualTo("en");
        assertThat(chosen.getResponseCookies().getFirst("astraphe-lang").getPath()).isEqualTo("/");

        // signed out, the login comes first and brings the choice back here
        var anonymous = web.get().uri("/?lang=en").exchange().expectStatus().is3xxRedirection().expectBody().isEmpty();
        assertThat(anonymous.getResponseHeaders().getLocation()).hasToString(
                links.login(links.queue("/?lang=en")));
        assertThat(anonymous.getResponseCookies().getFirst("astraphe-lang")).isNull();
    }

    @Test
    void unsafeRequestWithoutCsrfTokenIsRefused() {
        Session session = storeShopperSession(Instant.now());

        web.post().uri("/me").header(HttpHeaders.COOKIE, "SESSION=" + session.getId()).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void queueRequestExtendsTheSessionExpiryInRedis() {
        Session session = storeShopperSession(Instant.now().minus(Duration.ofHours(1)));
        Instant expiryBefore = expiryInRedis(session.getId());

        web.get().uri("/me").header(HttpHeaders.COOKIE, "SESSION=" + session.getId()).exchange()
                .expectStatus().isOk();

        // written off the request path, within about a second (SessionToucher)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Session after = sessions.findById(session.getId()).block();
            assertThat(after.getLastAccessedTime()).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
            assertThat(expiryInRedis(session.getId())).isAfter(expiryBefore.plus(Duration.ofMinutes(55)));
        });
    }

    @Test
    void aRequestSecondsAfterTheLastOneWritesNothingToTheSession() {
        Session session = storeShopperSession(Instant.now().minus(Duration.ofSeconds(20)));
        Instant lastAccessBefore = sessions.findById(session.getId()).block().getLastAccessedTime();
        Instant expiryBefore = expiryInRedis(session.getId());

        web.get().uri("/me").header(HttpHeaders.COOKIE, "SESSION=" + session.getId()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(7);

        assertThat(sessions.findById(session.getId()).block().getLastAccessedTime()).isEqualTo(lastAccessBefore);
        assertThat(expiryInRedis(session.getId())).isEqualTo(expiryBefore);
    }

    @Test
    void anEndedSessionIsNoLoginTheMomentRedisReportsItEvenOnceItsLoginIsKnown() {
        await().atMost(Duration.ofSeconds(10)).until(knownSessions::listening);
        Session session = storeShopperSession(Instant.now());
        String cookie = "SESSION=" + session.getId();
        web.get().uri("/me").header(HttpHeaders.COOKIE, cookie).exchange().expectStatus().isOk();
        web.get().uri("/me").header(HttpHeaders.COOKIE, cookie).exchange().expectStatus().isOk(); // known now

        // what revoking an account's sessions does (the servlet apps' repository does the same: its expires key deleted)
        sessions.deleteById(session.getId()).block();

        // within a second, not the minutes an entry may otherwise be kept
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).untilAsserted(() ->
                web.get().uri("/me").header(HttpHeaders.COOKIE, cookie).exchange().expectStatus().isFound());
    }

    @Test
    void aSessionCookieThatIsNotAsciiIsNoLoginAndNoError() {
        // queue-edge sends only ASCII to Redis: such an id is refused before any command (or by the firewall)
        web.get().uri("/me").header(HttpHeaders.COOKIE, "SESSION=s\u00e9ance").exchange()
                .expectStatus().value(status -> assertThat(status).isIn(302, 400));
        Session session = storeShopperSession(Instant.now());
        web.get().uri("/me").header(HttpHeaders.COOKIE, "SESSION=" + session.getId()).exchange().expectStatus().isOk();
    }

    @Test
    void aSessionPastItsIdleTimeoutIsNoLoginEvenBeforeRedisRemovesIt() {
        Session session = storeShopperSession(Instant.now().minus(Duration.ofSeconds(40)), Duration.ofSeconds(30));
        assertThat(redis.hasKey("astraphe:session:sessions:" + session.getId()).block()).isTrue();

        web.get().uri("/me").header(HttpHeaders.COOKIE, "SESSION=" + session.getId()).exchange()
                .expectStatus().isFound();
    }

    /** When the indexed repository will expire the session: its score in the expirations set. */
    private Instant expiryInRedis(String sessionId) {
        // members are written with the session serializer, so read them through the repository's operations
        Double score = sessions.getSessionRedisOperations().opsForZSet().score("astraphe:session:sessions:expirations", sessionId).block();
        assertThat(score).as("session %s in the expirations set", sessionId).isNotNull();
        return Instant.ofEpochMilli(score.longValue());
    }

    /** A session as the storefront's form login leaves it: JSON security context, password factor, servlet CSRF token. */
    private Session storeShopperSession(Instant lastAccessed) {
        return storeShopperSession(lastAccessed, Duration.ofHours(2));
    }

    private Session storeShopperSession(Instant lastAccessed, Duration idleTimeout) {
        AstrapheUser user = AstrapheUser.of(7, "minji@example.com", "Minji Kim", Role.SHOPPER, null);
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        UsernamePasswordAuthenticationToken auth = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        RedisSession session = sessions.createSession().block();
        session.setAttribute(SECURITY_CONTEXT, new SecurityContextImpl(auth));
        session.setAttribute("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN",
                new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "servlet-token"));
        session.setLastAccessedTime(lastAccessed);
        session.setMaxInactiveInterval(idleTimeout);
        sessions.save(session).block();
        assertThat(redis.hasKey("astraphe:session:sessions:" + session.getId()).block())
                .as("session stored under the shared namespace").isTrue();
        return session;
    }

}
