package dev.astraphe.queue.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code http.server.requests} for the three requests the waiting room lives on (the ping, polls, joins),
 * recorded into timers looked up once per route and status instead of through an observation: the
 * observation (a context, key values sorted into tags, a meter lookup by id at start and stop) was 8% of a
 * poll's CPU. Same meter name and tag keys as every other request's, so dashboards see one series family;
 * every other request keeps its observation.
 */
@Configuration(proxyBeanMethods = false)
public class HotPathTiming {

    /** The hot routes get no observation: the filter below times them. */
    @Bean
    ObservationPredicate hotPathsWithoutObservation() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request && Route.of(request.getCarrier()) != null);
    }

    @Bean
    HotPathTimer hotPathTimer(MeterRegistry registry) {
        return new HotPathTimer(registry);
    }

    /** Runs first, so that it times the whole chain (security included) as the observation would. */
    static final class HotPathTimer implements WebFilter, Ordered {

        private final MeterRegistry registry;
        /** Per route, the timer of each status code (100-599), filled on first use. */
        private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(Route.values().length * 600);
        /** Failures and cancellations are rare: looked up by name. */
        private final Map<String, Timer> others = new ConcurrentHashMap<>();

        HotPathTimer(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        /** Spring's filter chain asks every filter for its name on every request. */
        @Override
        public String toString() {
            return "HotPathTimer";
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            Route route = Route.of(exchange.getRequest());
            if (route == null) {
                return chain.filter(exchange);
            }
            long start = System.nanoTime();
            return chain.filter(exchange)
                    .doOnSuccess(done -> answered(route, exchange.getResponse().getStatusCode(), start))
                    .doOnError(error -> failed(route, error, start))
                    .doOnCancel(() -> other(route, "UNKNOWN", "UNKNOWN", "none", start));
        }

        private void answered(Route route, HttpStatusCode status, long start) {
            int code = status == null ? 200 : status.value();
            if (code < 100 || code > 599) {
                other(route, Integer.toString(code), "UNKNOWN", "none", start);
                return;
            }
            int slot = route.ordinal() * 600 + code;
            Timer timer = byStatus.get(slot);
            if (timer == null) {
                timer = timer(route, Integer.toString(code), outcome(code), "none");
                byStatus.set(slot, timer);
            }
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }

        /**
         * An error the chain ends with is answered by the error handler after this filter: with its own status when
         * it carries one (a refused CSRF token is a 403, {@code SecurityConfiguration}), else a 500.
         */
        private void failed(Route route, Throwable error, long start) {
            int code = error instanceof ErrorResponse response ? response.getStatusCode().value() : 500;
            other(route, Integer.toString(code), outcome(code), error.getClass().getSimpleName(), start);
        }

        private void other(Route route, String status, String outcome, String exception, long start) {
            others.computeIfAbsent(route + " " + status + " " + exception, key -> timer(route, status, outcome, exception))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }

        /** The tags every http.server.requests timer has; registering an existing one returns it. */
        private Timer timer(Route route, String status, String outcome, String exception) {
            return Timer.builder("http.server.requests")
                    .tag("method", route.method.name())
                    .tag("uri", route.pattern)
                    .tag("status", status)
                    .tag("outcome", outcome)
                    .tag("exception", exception)
                    .tag("error", exception)
                    .register(registry);
        }

        private static String outcome(int code) {
            return switch (code / 100) {
                case 1 -> "INFORMATIONAL";
                case 2 -> "SUCCESS";
                case 3 -> "REDIRECTION";
                case 4 -> "CLIENT_ERROR";
                default -> "SERVER_ERROR";
            };
        }
    }
}
