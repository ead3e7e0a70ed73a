package dev.astraphe.queue.home;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The cheapest answer queue-edge can give: the ceiling for the waiting-room benchmarks. A router
 * function rather than a controller so that no controller advice (which would load the CSRF token,
 * and with it the session from Redis) runs for it.
 */
@Configuration(proxyBeanMethods = false)
class PingRoute {

    @Bean
    RouterFunction<ServerResponse> ping() {
        return RouterFunctions.route()
                .GET("/ping", request -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("pong"))
                .build();
    }
}
