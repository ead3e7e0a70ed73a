package dev.astraphe.queue.home;

import dev.astraphe.queue.web.HotRoutes;
import dev.astraphe.queue.web.Route;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The cheapest answer queue-edge can give: the ceiling for the waiting-room benchmarks. A handler
 * function rather than a controller so that no controller advice (which would load the CSRF token,
 * and with it the session from Redis) runs for it.
 */
@Configuration(proxyBeanMethods = false)
class PingRoute {

    /** Answered by {@link HotRoutes} right after the security filters, as joins and polls are. */
    @Bean
    HotRoutes.Handler pingHandler() {
        return new HotRoutes.Handler(Route.PING, request -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("pong"));
    }
}
