package dev.astraphe.storefront.security;

import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.account.AccountUserDetailsService;
import dev.astraphe.shared.security.LoginProperties;
import dev.astraphe.shared.security.LoginThrottle;
import dev.astraphe.shared.security.ThrottledAuthenticationProvider;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.shared.web.PageMappings;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

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
    SecurityFilterChain storefrontSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
                                           LoginHandlers handlers, AppLinks links) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/login", "/signup", "/terms", "/privacy", "/products/*", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error", "/denied").permitAll()
                        // product images: public, read-only
                        .requestMatchers(HttpMethod.GET, "/images/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/images/**").permitAll()
                        // the page asking to sign out (signing out itself is the POST, answered before this)
                        .requestMatchers(HttpMethod.GET, "/logout").permitAll()
                        .requestMatchers("/account", "/account/**").hasRole("SHOPPER")
                        .anyRequest().authenticated())
                .authenticationManager(authenticationManager)
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("username")
                        .passwordParameter("password")
                        .authenticationDetailsSource(request -> null)
                        .successHandler(handlers)
                        .failureHandler(handlers)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(links))))
                .build();
    }

    /**
     * No inline script or style anywhere, so none is allowed. Forms may post to (and be redirected
     * to) the other Astraphe apps: login sends shoppers on to the waiting room.
     */
    static String contentSecurityPolicy(AppLinks links) {
        String apps = origin(links.queue()) + " " + origin(links.console());
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
                + "frame-ancestors 'none'; form-action 'self' " + apps;
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AccountUserDetailsService accountUserDetailsService(AccountRepository accounts) {
        return new AccountUserDetailsService(accounts);
    }

    @Bean
    LoginThrottle loginThrottle(StringRedisTemplate redis, LoginProperties properties) {
        return new LoginThrottle(redis, properties.maxFailures(), properties.window());
    }

    @Bean
    LoginHandlers loginHandlers(AppLinks links, PageMappings pages) {
        return new LoginHandlers(links, pages);
    }

    @Bean
    AuthenticationManager authenticationManager(AccountUserDetailsService users, PasswordEncoder passwordEncoder, LoginThrottle throttle) {
        return new ProviderManager(ThrottledAuthenticationProvider.passwordLogin(users, passwordEncoder, throttle));
    }
}
