package dev.astraphe.queue.room;

import dev.astraphe.queue.room.RoomView.Kind;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The waiting room's entrance and join, for signed-in shoppers. Polls do not come here: they go to
 * {@link PollRoute}, which never loads the session.
 */
@Controller
class RoomController {

    private static final String PAGE = "queue/room";

    private final WaitingRoom room;
    private final QueueStore store;
    private final TicketCodec tickets;
    private final RoomViews views;
    private final QueueMetrics metrics;
    private final Clock clock;

    RoomController(WaitingRoom room, QueueStore store, TicketCodec tickets, RoomViews views, QueueMetrics metrics, Clock clock) {
        this.room = room;
        this.store = store;
        this.tickets = tickets;
        this.views = views;
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/p/{productId}")
    Mono<Rendering> page(@PathVariable long productId, @AuthenticationPrincipal AstrapheUser user, ServerWebExchange exchange) {
        if (!user.hasRole(Role.SHOPPER)) {
            return Mono.just(render(PAGE, RoomView.simple(Kind.SHOPPERS_ONLY, productId, ""), HttpStatus.FORBIDDEN));
        }
        return room.cache().get(productId).flatMap(serving -> {
            if (serving.schedule().isEmpty()) {
                return Mono.just(render(PAGE, RoomView.simple(Kind.NOT_FOUND, productId, ""), HttpStatus.NOT_FOUND));
            }
            SaleSchedule sale = serving.schedule().get();
            long now = clock.millis();
            Optional<Ticket> ticket = tickets.read(exchange.getRequest(), productId, now).filter(t -> t.userId() == user.id());
            if (ticket.isEmpty()) {
                return Mono.just(render(PAGE, views.entrance(sale, serving.queue(), now), HttpStatus.OK));
            }
            return room.forTicket(sale, serving.queue(), ticket.get(), false, 0, exchange)
                    .map(view -> render(PAGE, view, HttpStatus.OK));
        });
    }

    @PostMapping("/p/{productId}/join")
    Mono<Rendering> join(@PathVariable long productId, @AuthenticationPrincipal AstrapheUser user, ServerWebExchange exchange) {
        boolean htmx = exchange.getRequest().getHeaders().getFirst(WaitingRoom.HX_REQUEST) != null;
        if (!user.hasRole(Role.SHOPPER)) {
            return Mono.just(render(WaitingRoom.FRAGMENT, RoomView.simple(Kind.SHOPPERS_ONLY, productId, ""), HttpStatus.FORBIDDEN));
        }
        return room.cache().get(productId).flatMap(serving -> {
            if (serving.schedule().isEmpty()) {
                return Mono.just(render(WaitingRoom.FRAGMENT, RoomView.simple(Kind.NOT_FOUND, productId, ""), HttpStatus.NOT_FOUND));
            }
            SaleSchedule sale = serving.schedule().get();
            long now = clock.millis();
            Optional<Kind> closed = views.closed(sale, serving.queue(), now);
            if (closed.isPresent()) {
                return Mono.just(answer(htmx, productId, views.simple(closed.get(), sale)));
            }
            String held = tickets.read(exchange.getRequest(), productId, now).filter(t -> t.userId() == user.id())
                    .map(t -> Long.toString(t.sequence())).orElse("");
            return store.join(sale, user.id(), held, now).map(joined -> switch (joined.outcome()) {
                case ADMITTED, ADMITTED_NOW -> {
                    if (joined.outcome() == QueueStore.Outcome.ADMITTED_NOW) {
                        metrics.joined(productId);
                        metrics.admittedAtOnce(productId);
                    }
                    room.admit(productId, user.id(), exchange);
                    yield render(WaitingRoom.FRAGMENT, views.simple(Kind.ADMITTED, sale), null);
                }
                case PLACE, PREQUEUE -> {
                    metrics.joined(productId);
                    Ticket ticket = new Ticket(productId, user.id(), joined.sequence(), now);
                    exchange.getResponse().addCookie(tickets.cookie(ticket));
                    yield answer(htmx, productId, views.waiting(sale, serving.queue(), ticket, now, false, 0));
                }
                case TOO_EARLY -> answer(htmx, productId, views.entrance(sale, serving.queue(), now));
                case SOLD_OUT -> answer(htmx, productId, views.simple(Kind.SOLD_OUT, sale));
                case ENDED -> answer(htmx, productId, views.simple(Kind.ENDED, sale));
            });
        });
    }

    /** htmx swaps the fragment in; a plain form post goes back to the page (post-redirect-get). */
    private static Rendering answer(boolean htmx, long productId, RoomView view) {
        if (htmx) {
            return render(WaitingRoom.FRAGMENT, view, null);
        }
        return Rendering.redirectTo(URI.create("/p/" + productId).toString()).status(HttpStatus.SEE_OTHER).build();
    }

    private static Rendering render(String template, RoomView view, HttpStatus status) {
        Rendering.Builder<?> builder = Rendering.view(template).modelAttribute("view", view);
        if (status != null) {
            builder.status(status);
        }
        return builder.build();
    }
}
