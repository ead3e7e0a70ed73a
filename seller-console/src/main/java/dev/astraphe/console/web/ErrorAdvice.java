package dev.astraphe.console.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Friendly error pages in the layout (a fragment for htmx requests); never a stack trace.
 * Access refusals are rethrown so that Spring Security's handler answers them.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    private final LayoutModel layout;

    ErrorAdvice(LayoutModel layout) {
        this.layout = layout;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(HttpServletRequest request, HttpServletResponse response) {
        return page(request, response, 404, "error.not-found");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badArgument(HttpServletRequest request, HttpServletResponse response) {
        return page(request, response, 404, "error.not-found");
    }

    @ExceptionHandler(ActionRefusedException.class)
    ModelAndView refused(ActionRefusedException e, HttpServletRequest request, HttpServletResponse response) {
        return page(request, response, 409, e.messageKey());
    }

    @ExceptionHandler(AccessDeniedException.class)
    void accessDenied(AccessDeniedException e) {
        throw e;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (e instanceof ErrorResponse known) {
            int status = known.getStatusCode().value();
            return page(request, response, status, status == 404 ? "error.not-found" : "error.bad-request");
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(request, response, 500, "error.unexpected");
    }

    private ModelAndView page(HttpServletRequest request, HttpServletResponse response, int status, String messageKey) {
        response.setStatus(status);
        boolean htmx = HtmxRequest.fromRequest(request).isHtmxRequest();
        ModelAndView mav = new ModelAndView(htmx ? "error/page :: message" : "error/page");
        mav.addObject("status", status);
        mav.addObject("messageKey", messageKey);
        // an exception handler's view gets none of the advice's model attributes: without these the page looked
        // signed out (no sidebar, a login link) to a signed-in seller or admin
        layout.addTo(mav);
        return mav;
    }
}
