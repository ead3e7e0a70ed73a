package dev.astraphe.queue.room;

import dev.astraphe.queue.room.RoomView.Kind;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.session.StoredLoginSecurityContextRepository;
import dev.astraphe.queue.web.HotRoutes;
import dev.astraphe.queue.web.Route;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Joining the line: {@code POST /p/{id}/join}, signed-in shoppers only (the security chain has already
 * authenticated the session and checked the CSRF token). A handler function rather than a controller method:
 * at the opening of a sale every shopper sends one at once, and the annotated-handler machinery (argument
 * resolvers, controller advice, view resolution) cost more than the join's Redis script.
 *
 * <p>htmx swaps the status fragment in; a plain form post goes back to the page (post-redirect-get).
 */
@Configuration(proxyBeanMethods = false)
class JoinRoute {

    /**
     * Sent by {@code room.js} with a join it sends again after an error answer or a lost connection: the join before
     * may have taken a place whose ticket never arrived, and without one this join would be a re-entry, to the back of
     * the line. The shopper keeps the place they hold instead. Taking the header at its word costs nothing: keeping
     * one's own place is what the ticket allows anyway, and nobody is passed.
     */
    static final String RETRY = "X-Join-Retry";

    private final WaitingRoom room;
    private final QueueStore store;
    private final TicketCodec tickets;
    private final RoomViews views;
    private final QueueMetrics metrics;
    private final WaitingFragment fragment;
    private final Clock clock;

    JoinRoute(WaitingRoom room, QueueStore store, TicketCodec tickets, RoomViews views, QueueMetrics metrics,
              WaitingFragment fragment, Clock clock) {
        this.room = room;
        this.store = store;
        this.tickets = tickets;
        this.views = views;
        this.metrics = metrics;
        this.fragment = fragment;
        this.clock = clock;
    }

    /** Answered by {@link HotRoutes} right after the security filters, and known to the dispatcher as a route. */
    @Bean
    HotRoutes.Handler joinHandler() {
        return new HotRoutes.Handler(Route.JOIN, this::join);
    }

    private Mono<ServerResponse> join(ServerRequest request) {
        long productId;
        try {
            productId = Long.parseLong(request.pathVariable("productId"));
        } catch (NumberFormatException e) {
            return fragment.respond(request, RoomView.simple(Kind.NOT_FOUND, 0, ""), HttpStatus.NOT_FOUND);
        }
        boolean htmx = request.headers().firstHeader(WaitingRoom.HX_REQUEST) != null;
        SecurityContext login = StoredLoginSecurityContextRepository.loaded(request.exchange());
        if (login != null) {
            return joinAs(request, productId, shopper(login.getAuthentication()), htmx);
        }
        return request.principal().map(JoinRoute::shopper).defaultIfEmpty(Optional.empty())
                .flatMap(shopper -> joinAs(request, productId, shopper, htmx));
    }

    private static Optional<AstrapheUser> shopper(@Nullable Principal principal) {
        return principal instanceof Authentication auth && auth.getPrincipal() instanceof AstrapheUser user
                && user.hasRole(Role.SHOPPER) ? Optional.of(user) : Optional.empty();
    }

    private Mono<ServerResponse> joinAs(ServerRequest request, long productId, Optional<AstrapheUser> shopper, boolean htmx) {
        return shopper.isEmpty()
                ? fragment.respond(request, RoomView.simple(Kind.SHOPPERS_ONLY, productId, ""), HttpStatus.FORBIDDEN)
                : join(request, productId, shopper.get(), htmx);
    }

    private Mono<ServerResponse> join(ServerRequest request, long productId, AstrapheUser user, boolean htmx) {
        var exchange = request.exchange();
        return room.cache().get(productId).flatMap(serving -> {
            if (serving.schedule().isEmpty()) {
                return fragment.respond(request, RoomView.simple(Kind.NOT_FOUND, productId, ""), HttpStatus.NOT_FOUND);
            }
            SaleSchedule sale = serving.schedule().get();
            long now = clock.millis();
            Optional<Kind> closed = views.closedToPlaceHolders(sale, serving.queue(), now);
            if (closed.isPresent()) {
                return answer(request, htmx, productId, views.simple(closed.get(), sale));
            }
            Optional<Ticket> holding = tickets.read(exchange.getRequest(), productId, now)
                    .filter(t -> t.userId() == user.id() && serving.queue().issued(t));
            if (sale.hidden()) {
                // nobody joins a hidden sale; a shopper with a place keeps it, paused, until it is shown again
                return holding.isPresent()
                        ? answer(request, htmx, productId, views.waiting(sale, serving.queue(), holding.get(), now, false, 0))
                        : answer(request, htmx, productId, views.entrance(sale, serving.queue(), now), HttpStatus.NOT_FOUND);
            }
            String held = holding.map(t -> Long.toString(t.sequence()))
                    .orElse(request.headers().firstHeader(RETRY) != null ? QueueStore.ANY_PLACE : "");
            return store.join(sale, user.id(), held, now).flatMap(joined -> switch (joined.outcome()) {
                case ADMITTED, ADMITTED_NOW -> {
                    if (joined.outcome() == QueueStore.Outcome.ADMITTED_NOW) {
                        metrics.joined(productId);
                        metrics.admittedAtOnce(productId);
                    }
                    room.admit(productId, user.id(), joined.sequence(), exchange);
                    yield htmx ? fragment.respond(request, views.simple(Kind.ADMITTED, sale), HttpStatus.OK)
                            : ServerResponse.seeOther(URI.create(room.productPage(productId))).build();
                }
                case PLACE, PREQUEUE, KEPT -> {
                    if (joined.outcome() != QueueStore.Outcome.KEPT) {
                        metrics.joined(productId); // as the script counts joins: a place kept is none
                    }
                    // a place kept keeps its progress bar's start; a new place starts from where it is
                    long aheadAtIssue = holding.filter(t -> t.sequence() == joined.sequence()).map(Ticket::aheadAtIssue)
                            .orElseGet(() -> serving.queue().ahead(joined.sequence()));
                    Ticket ticket = new Ticket(productId, user.id(), joined.sequence(), now, aheadAtIssue);
                    tickets.setCookie(exchange.getResponse(), ticket);
                    yield answer(request, htmx, productId, views.waiting(sale, serving.queue(), ticket, now, false, 0));
                }
                case TOO_EARLY -> answer(request, htmx, productId, views.tooEarly(sale, serving.queue(), now));
                case SOLD_OUT -> answer(request, htmx, productId, views.simple(Kind.SOLD_OUT, sale));
                // the script ends a join only for a stopped queue, seen before this instance's cache saw it
                case ENDED -> answer(request, htmx, productId, views.simple(Kind.CALLED_OFF, sale));
            });
        });
    }

    private Mono<ServerResponse> answer(ServerRequest request, boolean htmx, long productId, RoomView view) {
        return answer(request, htmx, productId, view, HttpStatus.OK);
    }

    private Mono<ServerResponse> answer(ServerRequest request, boolean htmx, long productId, RoomView view, HttpStatus status) {
        if (htmx) {
            return fragment.respond(request, view, status);
        }
        String page = request.requestPath().contextPath().value() + "/p/" + productId;
        return ServerResponse.seeOther(URI.create(page)).build();
    }
}
