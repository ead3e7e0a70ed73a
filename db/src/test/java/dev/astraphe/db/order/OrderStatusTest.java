package dev.astraphe.db.order;

import static dev.astraphe.db.order.OrderStatus.CANCELLED;
import static dev.astraphe.db.order.OrderStatus.EXPIRED;
import static dev.astraphe.db.order.OrderStatus.PAID;
import static dev.astraphe.db.order.OrderStatus.PAYING;
import static dev.astraphe.db.order.OrderStatus.PENDING;
import static dev.astraphe.db.order.OrderStatus.REJECTED;
import static dev.astraphe.db.order.OrderStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderStatusTest {

    static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(RESERVED, REJECTED, CANCELLED),
            RESERVED, EnumSet.of(PAYING, EXPIRED, CANCELLED),
            PAYING, EnumSet.of(PAID, RESERVED, EXPIRED, CANCELLED),
            PAID, EnumSet.of(CANCELLED),
            REJECTED, EnumSet.noneOf(OrderStatus.class),
            EXPIRED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class));

    static final Instant T0 = Instant.parse("2026-03-01T01:00:00Z");

    @Test
    void exactlyTheDesignedMovesAreAllowed() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                assertThat(from.canMoveTo(to))
                        .as("%s -> %s", from, to)
                        .isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void terminalStatusesGoNowhere() {
        assertThat(EnumSet.allOf(OrderStatus.class)).filteredOn(OrderStatus::isTerminal)
                .containsExactlyInAnyOrder(REJECTED, EXPIRED, CANCELLED);
    }

    @Test
    void theHappyPathStampsEveryStep() {
        Order order = newOrder();
        order.reserve(T0.plusSeconds(600), T0.plusSeconds(1));
        order.transition(PAYING, T0.plusSeconds(2));
        order.transition(PAID, T0.plusSeconds(3));
        assertThat(order.getStatus()).isEqualTo(PAID);
        assertThat(order.getReservedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(order.getPayingAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(order.getPaidAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aFailedPaymentGoesBackToReservedAndKeepsTheExpiry() {
        Order order = newOrder();
        order.reserve(T0.plusSeconds(600), T0);
        order.transition(PAYING, T0.plusSeconds(10));
        order.transition(RESERVED, T0.plusSeconds(20));
        assertThat(order.getStatus()).isEqualTo(RESERVED);
        assertThat(order.getReservedAt()).isEqualTo(T0);
        assertThat(order.getReservationExpiresAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(order.isReservationExpired(T0.plusSeconds(600))).isTrue();
    }

    @Test
    void nothingMovesBackwards() {
        Order order = newOrder();
        order.reserve(T0.plusSeconds(600), T0);
        order.transition(PAYING, T0);
        order.transition(PAID, T0);
        assertThatThrownBy(() -> order.transition(RESERVED, T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> order.transition(EXPIRED, T0)).isInstanceOf(IllegalStateException.class);
        assertThat(order.getStatus()).isEqualTo(PAID);
    }

    @Test
    void aRejectedOrderKeepsItsReasonAndStaysRejected() {
        Order order = newOrder();
        order.reject("SOLD_OUT", T0);
        assertThat(order.getRejectReason()).isEqualTo("SOLD_OUT");
        assertThat(order.getRejectedAt()).isEqualTo(T0);
        assertThatThrownBy(() -> order.reserve(T0.plusSeconds(600), T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void payingWithoutAReservationIsRefused() {
        Order order = newOrder();
        assertThatThrownBy(() -> order.transition(PAYING, T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> order.transition(RESERVED, T0)).isInstanceOf(IllegalStateException.class);
    }

    static Order newOrder() {
        return new Order("A0123456789AB", new NewOrder(1L, 2L, null, 2, 15000,
                new DeliveryAddress("김", "010", "04524", "서울", ""), "adm-1", "key-1"), T0);
    }
}
