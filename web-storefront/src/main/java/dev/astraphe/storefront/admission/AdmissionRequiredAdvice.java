package dev.astraphe.storefront.admission;

import dev.astraphe.shared.web.AppLinks;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Without an admission the shopper goes (back) to the waiting room; htmx navigates there instead of swapping. */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdmissionRequiredAdvice {

    private final AppLinks links;

    AdmissionRequiredAdvice(AppLinks links) {
        this.links = links;
    }

    @ExceptionHandler(AdmissionRequiredException.class)
    ResponseEntity<Void> toWaitingRoom(AdmissionRequiredException e, HttpServletRequest request) {
        String room = links.queue("/p/" + e.productId());
        if (request.getHeader("HX-Request") != null) {
            return ResponseEntity.ok().header("HX-Redirect", room).build();
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(room)).build();
    }
}
