package dev.astraphe.queue.room;

import dev.astraphe.queue.admission.AdmissionIssuer;
import dev.astraphe.queue.room.RoomView.Kind;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.web.HotRoutes;
import dev.astraphe.queue.web.Route;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The poll: ticket only. A handler function, so that no controller advice runs (the CSRF advice would
 * load a token); nothing here asks for the session or the principal, and the security chain permits
 * it without authentication. Bad tickets get the "rejoin" fragment, never an error.
 */
@Configuration(proxyBeanMethods = false)
class PollRoute {

    /** Answered by {@link HotRoutes} right after the security filters, and known to the dispatcher as a route. */
    @Bean
    HotRoutes.Handler pollHandler(WaitingRoom room, Heartbeats heartbeats, QueueMetrics metrics, WaitingFragment fragment,
                                  Clock clock) {
        return new HotRoutes.Handler(Route.POLL, request -> poll(request, room, heartbeats, metrics, fragment, clock));
    }

    private static Mono<ServerResponse> poll(ServerRequest request, WaitingRoom room, Heartbeats heartbeats,
                                             QueueMetrics metrics, WaitingFragment fragment, Clock clock) {
        // htmx swaps only 2xx answers, so every outcome of a poll is a 200 fragment
        long productId;
        try {
            productId = Long.parseLong(request.pathVariable("productId"));
        } catch (NumberFormatException e) {
            return fragment.respond(request, RoomView.simple(Kind.NOT_FOUND, 0, ""), HttpStatus.OK);
        }
        long now = clock.millis();
        boolean hidden = request.queryParam("hidden").isPresent();
        long from = request.queryParam("from").map(PollRoute::number).orElse(0L);
        return room.cache().get(productId).flatMap(serving -> {
            if (serving.schedule().isEmpty()) {
                return fragment.respond(request, RoomView.simple(Kind.NOT_FOUND, productId, ""), HttpStatus.OK);
            }
            Optional<Ticket> current = room.ticket(request.exchange(), productId, serving.queue(), now);
            if (current.isEmpty()) {
                SaleSchedule sale = serving.schedule().get();
                if (sale.hidden()) {
                    // a hidden sale is not there to anyone without a place in it (as on the page and in the shop)
                    return fragment.respond(request, RoomView.simple(Kind.NOT_FOUND, productId, ""), HttpStatus.OK);
                }
                if (request.cookies().getFirst(AdmissionIssuer.COOKIE_PREFIX + productId) != null) {
                    // a second tab of a shopper admitted in the first: the admission took the shared ticket, and this
                    // tab was not dropped but let in. On to the product page, which checks the admission itself
                    request.exchange().getResponse().getHeaders().set("HX-Redirect", room.productPage(productId));
                    return fragment.respond(request, RoomView.simple(Kind.ADMITTED, productId, sale.productName()), HttpStatus.OK);
                }
                return fragment.respond(request, RoomView.simple(Kind.REJOIN, productId, sale.productName()), HttpStatus.OK);
            }
            metrics.polled(productId);
            heartbeats.seen(productId, current.get().userId(), now);
            return room.forTicket(serving.schedule().get(), serving.queue(), current.get(), hidden, from, request.exchange())
                    .flatMap(view -> fragment.respond(request, view, HttpStatus.OK));
        });
    }

    private static long number(String s) {
        try {
            return Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
