package dev.astraphe.queue;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis connection factory opens its shared connections when it starts, not at their first use.
 *
 * <p>Opened lazily, they deadlocked queue-edge at startup (seen on the local stack; thread dump): the sale schedule
 * listener's first script took the factory's lock and waited, holding it, for its new connection's handshake, which
 * runs on Lettuce's event loops; both of those loops were themselves waiting for the same lock, each about to send a
 * reactive command (the login cache's probe, a session read) from the completion of another. No Redis command was
 * answered again, and every page that needs one hung. The factory takes that lock on every reactive command, but
 * opens a connection under it only while a shared connection does not exist yet: opened at start, on the starting
 * thread, before anything runs on the event loops, they never are under it again (Lettuce reconnects a shared
 * connection itself, and the factory opens both again on a restart, still from its start).
 */
@Configuration(proxyBeanMethods = false)
class EagerRedisConnections {

    @Bean
    static BeanPostProcessor openRedisConnectionsAtStart() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory factory) {
                    factory.setEagerInitialization(true);
                }
                return bean;
            }
        };
    }
}
