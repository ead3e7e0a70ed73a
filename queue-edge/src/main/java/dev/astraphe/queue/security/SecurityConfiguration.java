package dev.astraphe.queue.security;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.astraphe.queue.QueueRedis;
import dev.astraphe.queue.session.KnownSessions;
import dev.astraphe.queue.session.SessionTouchConfiguration;
import dev.astraphe.queue.session.SessionToucher;
import dev.astraphe.queue.session.StoredLoginSecurityContextRepository;
import dev.astraphe.queue.web.Route;
import dev.astraphe.shared.web.AppLinks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.WebSessionIdResolver;
import reactor.core.publisher.Mono;

/**
 * queue-edge never logs anyone in: it reads the session the storefront wrote. Nothing is saved in
 * the session for the way back (no request cache); the login page gets an absolute {@code continue}
 * URL instead, so a servlet app never trips over a reactive saved request.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The response headers of every chain browsers see, written in one pass (see {@link SecurityHeaders}). */
    private final HttpHeaderWriterWebFilter securityHeaders;

    SecurityConfiguration(AppLinks links) {
        this.securityHeaders = new HttpHeaderWriterWebFilter(new SecurityHeaders(csp(links)));
    }

    /**
     * Everything from this origin, except the pictures of the products in the waiting room: the storefront serves them
     * (its own origin, unless both apps are behind one).
     */
    static String csp(AppLinks links) {
        String origin = httpOrigin(links.storefront()).orElseThrow(() -> new IllegalArgumentException(
                "astraphe.links.storefront must be an http(s) URL with an ASCII host (an international name in its xn-- form): "
                        + links.storefront()));
        return "default-src 'self'; img-src 'self' data: " + origin + "; style-src 'self' 'unsafe-inline'; "
                + "frame-ancestors 'none'; base-uri 'self'";
    }

    /** The origin alone (no user info, path or query) of an http(s) URL with an ASCII host; empty for anything else. */
    private static Optional<String> httpOrigin(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (!("http".equals(scheme) || "https".equals(scheme)) || host == null || !US_ASCII.newEncoder().canEncode(host)) {
            return Optional.empty();
        }
        return Optional.of(scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }

    /**
     * One observation per security filter (start, stop, a long-task timer and tags each) cost more than
     * the filters themselves on every request; http.server.requests still times each request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall with its header and parameter-name rules checked without a regular
     * expression (see {@link HeaderCharacters}); everything else as the default. The security configuration takes a
     * single bean of this type for its filter chain proxy.
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::nameAllowed);
        firewall.setAllowedHeaderValues(HeaderCharacters::valueAllowed);
        firewall.setAllowedParameterNames(HeaderCharacters::nameAllowed);
        return firewall;
    }

    /**
     * Joins, the busiest request that needs a login, get a chain of their own, tried right after the
     * sessionless one's cheap path match: the login read from the stored session, the CSRF check, signed-in
     * users only (the route checks the shopper role), and nothing a join never uses (no anonymous user, no
     * request cache filter).
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityWebFilterChain joinSecurity(ServerHttpSecurity http, AppLinks links, StoredLoginSecurityContextRepository storedLogin) {
        RouteMatcher joins = RouteMatcher.of(Route.JOIN);
        return SequencedChain.of(joins, forShoppers(http.securityMatcher(joins), links, storedLogin)
                .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .build());
    }

    /**
     * Actuator listens on the management port, which the proxy never exposes; probes carry no session. Tried
     * after the sessionless and join chains: Boot's endpoint matcher looks a class up by name on every call
     * (2.6% of a ping's CPU when it came first).
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    SecurityWebFilterChain managementSecurity(ServerHttpSecurity http) {
        return SequencedChain.of(http
                .securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .build());
    }

    /**
     * /ping (the benchmark's ceiling) and ticket polls are public GETs that must never touch the session:
     * their own chain has no security context loading, no CSRF token and no anonymous user to build, only
     * the response headers. Any other method on these paths falls through to the main chain (and its CSRF).
     * Tried first: these are the most frequent requests, and a method and path match is cheap for the rest.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain sessionlessSecurity(ServerHttpSecurity http) {
        RouteMatcher sessionless = RouteMatcher.of(Route.PING, Route.POLL);
        return SequencedChain.of(sessionless, browserFacing(http.securityMatcher(sessionless))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .build());
    }

    /**
     * The login as the storefront stored it, read from the session's hash without loading the web session
     * (see {@link StoredLoginSecurityContextRepository}).
     */
    @Bean
    StoredLoginSecurityContextRepository storedLogin(QueueRedis redis, WebSessionIdResolver sessionIds,
                                                     @Qualifier("springSessionDefaultRedisSerializer") RedisSerializer<Object> serializer,
                                                     SessionToucher toucher, KnownSessions knownSessions,
                                                     @Value("${spring.session.data.redis.namespace}") String namespace,
                                                     Environment environment, Clock clock) {
        return new StoredLoginSecurityContextRepository(redis, sessionIds, serializer, toucher, knownSessions, namespace,
                SessionTouchConfiguration.touchInterval(environment), clock);
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain queueSecurity(ServerHttpSecurity http, AppLinks links, StoredLoginSecurityContextRepository storedLogin) {
        return SequencedChain.of(forShoppers(http, links, storedLogin)
                .authorizeExchange(exchanges -> exchanges
                        // /ping is the benchmark's ceiling: nothing may load the session for it
                        .pathMatchers("/ping", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg").permitAll()
                        // polls carry a signed ticket instead: no session is loaded for them either
                        .pathMatchers(HttpMethod.GET, "/p/*/poll").permitAll()
                        .anyExchange().authenticated())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .build());
    }

    /** What the chains for signed-in shoppers share: the stored login, CSRF in its own cookie, the storefront's login page. */
    private ServerHttpSecurity forShoppers(ServerHttpSecurity http, AppLinks links, StoredLoginSecurityContextRepository storedLogin) {
        return browserFacing(http)
                .securityContextRepository(storedLogin)
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie()).csrfTokenRequestHandler(new HeaderFirstCsrfTokenRequestHandler())
                        .accessDeniedHandler(SecurityConfiguration::refused))
                .exceptionHandling(e -> e.authenticationEntryPoint(new StorefrontLoginEntryPoint(links))
                        .accessDeniedHandler(SecurityConfiguration::refused));
    }

    /**
     * A refusal (in practice a form whose CSRF token no longer matches: a page kept open across a browser restart, a
     * cleared cookie) goes to the error page like any other error, styled and in the shopper's language, instead of
     * Spring Security's plain-text line; programs get Boot's JSON. The CSRF cause stays attached so that the page can
     * say what to do about it ({@code ErrorPages}).
     */
    private static Mono<Void> refused(ServerWebExchange exchange, AccessDeniedException denied) {
        return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, null, denied));
    }

    /**
     * What every chain browsers see shares: no login forms of its own (the storefront owns login and logout),
     * Spring Security's default response headers and the CSP, written by one writer in place of the default seven.
     */
    private ServerHttpSecurity browserFacing(ServerHttpSecurity http) {
        return http
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .addFilterAt(securityHeaders, SecurityWebFiltersOrder.HTTP_HEADERS_WRITER);
    }

    /**
     * The CSRF token lives in its own cookie, not in the shared session: the reactive session
     * repository renames the session (changeSessionId) whenever it stores a token, and the servlet
     * apps' principal index would then point at a session id that no longer exists, so disabling
     * an account would miss the shopper's session. Its own name and /queue path keep it apart
     * from anything the storefront sets.
     */
    static final String CSRF_COOKIE = "QUEUE-XSRF-TOKEN";

    private static CookieServerCsrfTokenRepository csrfCookie() {
        CookieServerCsrfTokenRepository repository = new CookieServerCsrfTokenRepository();
        repository.setCookieName(CSRF_COOKIE);
        // read by csrf.js, which sends it in the header (see HeaderFirstCsrfTokenRequestHandler)
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax").httpOnly(false));
        return repository;
    }
}
