package dev.astraphe.console.security;

import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.account.AccountUserDetailsService;
import dev.astraphe.shared.security.FailedLoginEmail;
import dev.astraphe.shared.security.LoginProperties;
import dev.astraphe.shared.security.LoginThrottle;
import dev.astraphe.shared.security.LoginThrottledException;
import dev.astraphe.shared.security.ThrottledAuthenticationProvider;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.shared.web.PageMappings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The console's login and access rules. The session is shared with the storefront and queue-edge,
 * so nothing servlet-specific goes into it (no saved request, no authentication details) and
 * {@code continue} travels as a validated parameter instead.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LoginThrottle loginThrottle(StringRedisTemplate redis, LoginProperties properties) {
        return new LoginThrottle(redis, properties.maxFailures(), properties.window());
    }

    /**
     * The only way in, without a parent manager: a fallback provider (Boot's generated user, or a
     * global one over the same accounts) would bypass the throttle and the seller-only rule.
     */
    @Bean
    AuthenticationManager consoleAuthenticationManager(AccountRepository accounts, PasswordEncoder encoder, LoginThrottle throttle) {
        return new ProviderManager(new ConsoleAuthenticationProvider(
                ThrottledAuthenticationProvider.passwordLogin(new AccountUserDetailsService(accounts), encoder, throttle)));
    }

    /**
     * Actuator answers only on the management port, which the reverse proxy never exposes; the
     * launcher and orchestrators probe health there without a login or a session.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain managementSecurity(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    SecurityFilterChain consoleSecurity(HttpSecurity http, AuthenticationManager authenticationManager, AppLinks links,
            PageMappings mappings) throws Exception {
        http
            .authenticationManager(authenticationManager)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/login", "/signup", "/denied", "/error", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg").permitAll()
                // the page asking to sign out (signing out itself is the POST, answered before this)
                .requestMatchers(HttpMethod.GET, "/logout").permitAll()
                .requestMatchers("/admin", "/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/").hasAnyRole(Role.SELLER.name(), Role.ADMIN.name())
                .anyRequest().hasRole(Role.SELLER.name()))
            .formLogin(form -> form
                .loginPage("/login")
                .loginProcessingUrl("/login")
                .authenticationDetailsSource(request -> null)
                .successHandler((request, response, authentication) ->
                        response.sendRedirect(links.safeContinue(request.getParameter("continue"), request.getContextPath() + "/")))
                .failureHandler(ConsoleSecurityConfiguration::loginFailed)
                .permitAll())
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
            .requestCache(cache -> cache.requestCache(new NullRequestCache()))
            .exceptionHandling(ex -> ex
                .authenticationEntryPoint((request, response, e) -> {
                    // a mistyped address is not found, signed in or not: logging in would not make it exist
                    if (!"true".equals(request.getHeader("HX-Request")) && mappings.markIfNoPage(request)) {
                        request.getRequestDispatcher("/denied").forward(request, response);
                        return;
                    }
                    toLogin(request, response);
                })
                .accessDeniedHandler(new RefusalOrNotFound(mappings)))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(links)))
                .referrerPolicy(referrer -> referrer.policy(
                        org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** Absolute from the server root: {@code sendRedirect("/x")} ignores the context path. */
    private static void toLogin(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
        String here = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String login = request.getContextPath() + "/login?continue=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", login);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.sendRedirect(login);
    }

    private static void loginFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws java.io.IOException {
        String code = e instanceof ConsoleLoginFailure failure ? failure.code()
                : e instanceof LoginThrottledException ? "throttled"
                : e instanceof AccountStatusException ? "disabled" : "bad-credentials";
        FailedLoginEmail.remember(request);
        String target = request.getParameter("continue");
        response.sendRedirect(request.getContextPath() + "/login?error=" + code
                + (target == null || target.isBlank() ? "" : "&continue=" + URLEncoder.encode(target, StandardCharsets.UTF_8)));
    }

    /** Forms may post here and be redirected to the other Astraphe apps (login's {@code continue}); nothing inline. */
    static String contentSecurityPolicy(AppLinks links) {
        Set<String> origins = new LinkedHashSet<>();
        for (String app : new String[] {links.storefront(), links.queue(), links.console()}) {
            URI uri = URI.create(app);
            origins.add(uri.getScheme() + "://" + uri.getAuthority());
        }
        String apps = String.join(" ", origins);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' " + apps;
    }
}
