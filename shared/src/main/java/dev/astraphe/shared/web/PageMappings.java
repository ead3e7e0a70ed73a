package dev.astraphe.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Whether a request names a page the app has, for any method. The access rules answer before the dispatcher looks
 * for a page, so a mistyped address read "log in" to a visitor, or "forbidden" to a user the rule refused, where the
 * truth is "not found". The refusal handlers ask here and mark the request for the page that answers them.
 */
public final class PageMappings {

    /** A request attribute: the refused request names no page (for any method); its answer is "not found". */
    public static final String NO_SUCH_PAGE = PageMappings.class.getName() + ".NO_SUCH_PAGE";

    private final ObjectProvider<RequestMappingHandlerMapping> pages;

    public PageMappings(ObjectProvider<RequestMappingHandlerMapping> pages) {
        this.pages = pages;
    }

    /** Sets {@link #NO_SUCH_PAGE} on a request that names no page; returns whether it did. */
    public boolean markIfNoPage(HttpServletRequest request) {
        if (hasPage(request)) {
            return false;
        }
        request.setAttribute(NO_SUCH_PAGE, Boolean.TRUE);
        return true;
    }

    public static boolean marked(HttpServletRequest request) {
        return request.getAttribute(NO_SUCH_PAGE) != null;
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
