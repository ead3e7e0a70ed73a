package dev.astraphe.queue.room;

import dev.astraphe.queue.room.RoomView.Kind;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.shared.web.AppLinks;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What a shopper holding a ticket sees, shared by the page and the session-less poll: the cached
 * queue state plus the ticket, and Redis only when the line has reached them.
 */
@Component
class WaitingRoom {

    static final String FRAGMENT = "queue/room :: status";
    static final String HX_REQUEST = "HX-Request";

    private final ServingCache cache;
    private final QueueStore store;
    private final TicketCodec tickets;
    private final RoomViews views;
    private final AdmissionGrant admissions;
    private final AppLinks links;
    private final Clock clock;

    WaitingRoom(ServingCache cache, QueueStore store, TicketCodec tickets, RoomViews views, AdmissionGrant admissions,
                AppLinks links, Clock clock) {
        this.cache = cache;
        this.store = store;
        this.tickets = tickets;
        this.views = views;
        this.admissions = admissions;
        this.links = links;
        this.clock = clock;
    }

    /**
     * The ticket the request carries for this waiting room, if any. One handed out before the room began (by the
     * product's sale before: {@link QueueSnapshot#issued}) counts as none, and its cookie is removed, so that the
     * entrance page and the rejoin link join afresh.
     */
    Optional<Ticket> ticket(ServerWebExchange exchange, long productId, QueueSnapshot queue, long now) {
        Optional<Ticket> read = tickets.read(exchange.getRequest(), productId, now);
        if (read.isPresent() && !queue.issued(read.get())) {
            exchange.getResponse().addCookie(TicketCodec.removal(productId));
            return Optional.empty();
        }
        return read;
    }

    /** The view for a ticket holder; on admission it sets the cookies and answers with the redirect (empty). */
    Mono<RoomView> forTicket(SaleSchedule sale, QueueSnapshot queue, Ticket ticket, boolean hidden, long from,
                             ServerWebExchange exchange) {
        long now = clock.millis();
        Optional<Kind> closed = views.closedToPlaceHolders(sale, queue, now);
        if (closed.isPresent()) {
            return Mono.just(views.simple(closed.get(), sale));
        }
        if (ticket.inPrequeue() && queue.shuffled()) {
            // first poll after the shuffle: learn the drawn place once and carry it in the ticket from now on
            return store.placeOf(sale.productId(), ticket.userId())
                    .map(seq -> {
                        Ticket placed = new Ticket(sale.productId(), ticket.userId(), seq, now, queue.ahead(seq));
                        tickets.setCookie(exchange.getResponse(), placed);
                        return views.waiting(sale, queue, placed, now, hidden, 0);
                    })
                    .switchIfEmpty(Mono.defer(() -> admittedOrRejoin(sale, ticket, exchange)));
        }
        if (!ticket.inPrequeue() && queue.passed(ticket.sequence())) {
            return admittedOrRejoin(sale, ticket, exchange);
        }
        if (now - ticket.issuedAtMillis() > TicketCodec.RENEW_AFTER.toMillis()) {
            // a ticket lasts two days; a shopper still waiting in a long sale gets it again, for the same place
            tickets.setCookie(exchange.getResponse(), ticket.renewed(now));
        }
        return Mono.just(views.waiting(sale, queue, ticket, now, hidden, from));
    }

    private Mono<RoomView> admittedOrRejoin(SaleSchedule sale, Ticket ticket, ServerWebExchange exchange) {
        return store.admittedAt(sale, ticket.userId(), clock.millis())
                .map(admittedAt -> {
                    admit(sale.productId(), ticket.userId(), admittedAt, exchange);
                    return views.simple(Kind.ADMITTED, sale);
                })
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    // dropped, or the admission's time is over: without the ticket the rejoin link joins afresh
                    // (the entrance page joins by itself), where with it every reload would show this answer again
                    exchange.getResponse().addCookie(TicketCodec.removal(sale.productId()));
                    return views.simple(Kind.REJOIN, sale);
                }));
    }

    /**
     * Sets the cookie of the admission made at {@code admittedAt} (the same admission however often it is asked for),
     * forgets the ticket and, for htmx, sends the browser on to the product page ({@code HX-Redirect}). A plain
     * request's caller answers with the redirect itself (a 303 to {@link #productPage}), as its own answer's status
     * would replace one set here.
     */
    void admit(long productId, long userId, long admittedAt, ServerWebExchange exchange) {
        var response = exchange.getResponse();
        response.addCookie(admissions.grant(userId, productId, admittedAt));
        response.addCookie(TicketCodec.removal(productId));
        if (exchange.getRequest().getHeaders().getFirst(HX_REQUEST) != null) {
            response.getHeaders().set("HX-Redirect", productPage(productId));
        }
    }

    /** Where an admission leads: the storefront's product page. */
    String productPage(long productId) {
        return links.storefront("/products/" + productId);
    }

    ServingCache cache() {
        return cache;
    }
}
