package dev.astraphe.queue;

import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce writes and flushes every command on its own, one system call each; at the opening of a sale thousands
 * of joins a second each send two. Netty's flush consolidation sends the commands that arrived in one turn of the
 * connection's event loop with one flush.
 */
@Configuration(proxyBeanMethods = false)
class RedisFlushConfiguration {

    @Bean
    ClientResourcesBuilderCustomizer consolidateRedisFlushes() {
        return resources -> resources.nettyCustomizer(new NettyCustomizer() {
            @Override
            public void afterChannelInitialized(Channel channel) {
                channel.pipeline().addFirst(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
            }
        });
    }
}
