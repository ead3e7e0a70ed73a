package dev.astraphe.console.security;

import dev.astraphe.shared.web.PageMappings;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Forwards a refused request to {@code /denied}, marking the ones for a page that does not exist
 * ({@link PageMappings}): an admin opening a mistyped address (anything outside {@code /admin} is a seller's) read
 * "forbidden" where a seller read "not found".
 */
final class RefusalOrNotFound implements AccessDeniedHandler {

    private final AccessDeniedHandlerImpl forward = new AccessDeniedHandlerImpl();
    private final PageMappings pages;

    RefusalOrNotFound(PageMappings pages) {
        this.pages = pages;
        forward.setErrorPage("/denied");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
            throws IOException, ServletException {
        if (!(refused instanceof CsrfException)) {
            pages.markIfNoPage(request);
        }
        forward.handle(request, response, refused);
    }
}
