package dev.astraphe.queue.room;

import dev.astraphe.queue.room.RoomView.Kind;
import dev.astraphe.queue.schedule.SaleSchedule;
import dev.astraphe.queue.web.LanguageChoice;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The waiting room's page, for signed-in shoppers. Joins go to {@link JoinRoute}; polls go to
 * {@link PollRoute}, which never loads the session.
 */
@Controller
class RoomController {

    private static final String PAGE = "queue/room";

    private final WaitingRoom room;
    private final RoomViews views;
    private final Heartbeats heartbeats;
    private final long joinPatienceMillis;
    private final Clock clock;

    RoomController(WaitingRoom room, RoomViews views, Heartbeats heartbeats, RoomProperties properties, Clock clock) {
        this.room = room;
        this.views = views;
        this.heartbeats = heartbeats;
        this.joinPatienceMillis = properties.joinPatience().toMillis();
        this.clock = clock;
    }

    @GetMapping("/p/{productId}")
    Mono<Rendering> page(@PathVariable long productId, @AuthenticationPrincipal AstrapheUser user, ServerWebExchange exchange) {
        Optional<Rendering> languageChosen = LanguageChoice.ifAsked("/p/" + productId, exchange);
        if (languageChosen.isPresent()) {
            return Mono.just(languageChosen.get());
        }
        if (!user.hasRole(Role.SHOPPER)) {
            return Mono.just(render(PAGE, RoomView.simple(Kind.SHOPPERS_ONLY, productId, ""), HttpStatus.FORBIDDEN));
        }
        return room.cache().get(productId).flatMap(serving -> {
            if (serving.schedule().isEmpty()) {
                return Mono.just(render(PAGE, RoomView.simple(Kind.NOT_FOUND, productId, ""), HttpStatus.NOT_FOUND));
            }
            SaleSchedule sale = serving.schedule().get();
            long now = clock.millis();
            Optional<Ticket> ticket = room.ticket(exchange, productId, serving.queue(), now).filter(t -> t.userId() == user.id());
            if (ticket.isEmpty()) {
                RoomView entrance = views.entrance(sale, serving.queue(), now);
                return Mono.just(entrance.kind() == Kind.NOT_FOUND ? render(PAGE, entrance, HttpStatus.NOT_FOUND)
                        : render(PAGE, entrance, sale, HttpStatus.OK));
            }
            // a page load is a sign of life as much as a poll (a shopper who reloads, or has no script, never polls)
            heartbeats.seen(productId, user.id(), now);
            // admitted: on to the product page (the admission's cookies are already on the response)
            return room.forTicket(sale, serving.queue(), ticket.get(), false, 0, exchange)
                    .map(view -> view.kind() == Kind.ADMITTED ? Rendering.redirectTo(room.productPage(productId)).build()
                            : render(PAGE, view, sale, HttpStatus.OK));
        });
    }

    private Rendering render(String template, RoomView view, HttpStatus status) {
        return render(template, view, null, status);
    }

    /**
     * The page; {@code sale} (null when unknown) gives the product's picture and price beside its name, unless it is
     * hidden: the storefront shows a hidden product (and its pictures) to nobody.
     */
    private Rendering render(String template, RoomView view, @Nullable SaleSchedule sale, HttpStatus status) {
        Rendering.Builder<?> builder = Rendering.view(template).modelAttribute("view", view)
                .modelAttribute("languageSwitch", true)
                .modelAttribute("joinPatienceMillis", joinPatienceMillis)
                // countdowns count the server's time, whatever the browser's clock says
                .modelAttribute("serverNow", clock.millis());
        if (sale != null && !sale.hidden()) {
            builder.modelAttribute("sale", sale);
        }
        if (status != null) {
            builder.status(status);
        }
        return builder.build();
    }
}
