package dev.astraphe.storefront.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Friendly pages for what controllers throw. htmx requests get only the message fragment so that
 * it lands where the swap was aimed; nobody ever sees a stack trace.
 */
@ControllerAdvice
class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(NotFoundException.class)
    String notFound(HtmxRequest htmx, HttpServletResponse response, Model model) {
        return page(HttpStatus.NOT_FOUND, htmx, response, model);
    }

    @ExceptionHandler(TypeMismatchException.class)
    String badRequest(HtmxRequest htmx, HttpServletResponse response, Model model) {
        return page(HttpStatus.BAD_REQUEST, htmx, response, model);
    }

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(AccessDeniedException e, HtmxRequest htmx, HttpServletResponse response, Model model) {
        return page(HttpStatus.FORBIDDEN, htmx, response, model);
    }

    /** The browser went away mid-answer (an image it no longer wanted): nobody to tell, and nothing wrong. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void browserGone() {
    }

    @ExceptionHandler(Exception.class)
    String other(Exception e, HtmxRequest htmx, HttpServletResponse response, Model model) throws Exception {
        if (e instanceof AuthenticationException) {
            throw e; // Spring Security turns it into a login redirect
        }
        ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(e.getClass(), ResponseStatus.class);
        HttpStatusCode status = e instanceof ErrorResponse er ? er.getStatusCode()
                : annotated != null ? annotated.code() : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            log.warn("Request failed: {}", e.toString()); // a service away (the image store): one line per request
        } else if (status.is5xxServerError()) {
            log.error("Request failed", e);
        }
        return page(status, htmx, response, model);
    }

    private static String page(HttpStatusCode status, HtmxRequest htmx, HttpServletResponse response, Model model) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("errorKey", forStatus(status.value()));
        if (htmx.isHtmxRequest() && status.value() == HttpStatus.NOT_FOUND.value()) {
            // what htmx was refreshing is gone (a product hidden while its page was open): htmx swaps no 4xx answer,
            // so the page would go on showing it and asking; reloaded, it says what became of it
            response.setHeader("HX-Refresh", "true");
        }
        return htmx.isHtmxRequest() ? "error :: message" : "error";
    }

    static String forStatus(int status) {
        return switch (status) {
            case 403 -> "error.forbidden";
            case 404 -> "error.not-found";
            case 405 -> "error.method-not-allowed";
            default -> status >= 500 ? "error.server" : "error.bad-request";
        };
    }
}
