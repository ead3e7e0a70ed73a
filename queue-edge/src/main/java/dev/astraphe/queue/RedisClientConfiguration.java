package dev.astraphe.queue;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * All Redis traffic (sessions and queue scripts) shares one Lettuce connection, so by default every reply's
 * continuation — session JSON decoding, the join's answer, template rendering — ran on that connection's single
 * event loop thread, which capped joins at one core. Emitting replies on Lettuce's computation pool spreads
 * that work over every core; the I/O thread only reads and writes the socket.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer publishRepliesOffTheEventLoop() {
        return options -> options.publishOnScheduler(true);
    }
}
