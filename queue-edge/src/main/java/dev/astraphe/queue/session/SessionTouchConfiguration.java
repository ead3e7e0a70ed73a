package dev.astraphe.queue.session;

import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * Puts {@link TouchThrottlingSessionRepository} between Spring Session's web session store and the Redis
 * repository. Only the request path goes through it; anything that injects the repository itself (revocation,
 * tests) sees every write as before.
 */
@Configuration(proxyBeanMethods = false)
public class SessionTouchConfiguration {

    /** {@code astraphe.session.touch-interval}: how stale a stored last-access time may be before a request saves it. */
    static final String INTERVAL = "astraphe.session.touch-interval";

    @Bean
    static BeanPostProcessor throttleSessionTouches(ObjectProvider<ReactiveSessionRepository<? extends Session>> repository,
                                                    Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DefaultWebSessionManager manager) {
                    Duration interval = touchInterval(environment);
                    manager.setSessionStore(new SpringSessionWebSessionStore<>(throttled(repository.getObject(), interval)));
                }
                return bean;
            }
        };
    }

    /** {@code astraphe.session.known-max-age}: the longest a login read from a live session is used without reading it again. */
    static final String KNOWN_MAX_AGE = "astraphe.session.known-max-age";
    /** {@code astraphe.session.known-heartbeat}: how often queue-edge checks that Redis's key events reach it. */
    static final String KNOWN_HEARTBEAT = "astraphe.session.known-heartbeat";
    /** {@code astraphe.session.known-silence}: how long without any key event before they are taken as lost. */
    static final String KNOWN_SILENCE = "astraphe.session.known-silence";

    /**
     * Logins of live sessions, kept until Redis reports a change to the session (see {@link KnownSessions}) and only
     * while its reports are seen to arrive: a probe every {@value #KNOWN_HEARTBEAT} (1 s unless configured), none
     * for {@value #KNOWN_SILENCE} (5 s) or a dropped connection empties the cache. {@value #KNOWN_MAX_AGE} (5 min,
     * 0 turns the cache off) is a backstop beyond those.
     */
    @Bean
    KnownSessions knownSessions(ReactiveRedisConnectionFactory connections, ClientResources client, Environment environment) {
        return new KnownSessions(connections, client, environment.getRequiredProperty("spring.session.data.redis.namespace"),
                environment.getProperty(KNOWN_MAX_AGE, Duration.class, Duration.ofMinutes(5)),
                environment.getProperty(KNOWN_HEARTBEAT, Duration.class, Duration.ofSeconds(1)),
                environment.getProperty(KNOWN_SILENCE, Duration.class, Duration.ofSeconds(5)));
    }

    /** {@value #INTERVAL}, one minute unless configured. */
    public static Duration touchInterval(Environment environment) {
        return environment.getProperty(INTERVAL, Duration.class, Duration.ofMinutes(1));
    }

    private static <S extends Session> TouchThrottlingSessionRepository<S> throttled(ReactiveSessionRepository<S> sessions,
                                                                                   Duration interval) {
        return new TouchThrottlingSessionRepository<>(sessions, interval);
    }
}
