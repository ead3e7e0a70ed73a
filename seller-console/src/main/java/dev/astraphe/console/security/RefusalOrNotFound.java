package dev.astraphe.console.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Forwards a refused request to {@code /denied}, marking the ones for a page that does not exist. The
 * access rules answer before the dispatcher looks for a page, so an admin opening a mistyped address
 * (anything outside {@code /admin} is a seller's) read "forbidden" where a seller read "not found".
 */
final class RefusalOrNotFound implements AccessDeniedHandler {

    /** A request attribute: the refused path has no page behind it for any method. */
    static final String NO_SUCH_PAGE = RefusalOrNotFound.class.getName() + ".NO_SUCH_PAGE";

    private final AccessDeniedHandlerImpl forward = new AccessDeniedHandlerImpl();
    private final ObjectProvider<RequestMappingHandlerMapping> pages;

    RefusalOrNotFound(ObjectProvider<RequestMappingHandlerMapping> pages) {
        this.pages = pages;
        forward.setErrorPage("/denied");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
            throws IOException, ServletException {
        if (!(refused instanceof CsrfException) && !hasPage(request)) {
            request.setAttribute(NO_SUCH_PAGE, Boolean.TRUE);
        }
        forward.handle(request, response, refused);
    }

    private boolean hasPage(HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = pages.getIfAvailable();
        if (mapping == null) {
            return true;
        }
        // the dispatcher has not run yet: parse the path as it would, and leave the request as it was
        Object parsed = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            return mapping.getHandler(request) != null;
        } catch (Exception pageForAnotherMethodOrType) {
            return true;
        } finally {
            request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, parsed);
        }
    }
}
