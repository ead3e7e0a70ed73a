package dev.astraphe.console.security;

import dev.astraphe.shared.web.PageMappings;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Forwards a refused request to {@code /denied}, marking the ones for a page that does not exist
 * ({@link PageMappings}): an admin opening a mistyped address (anything outside {@code /admin} is a seller's) read
 * "forbidden" where a seller read "not found". The login and sign-up forms sent after their session ended go back to
 * the form, which says so; a logout sent then is done already.
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
        if (refused instanceof CsrfException && "POST".equals(request.getMethod()) && request.getHeader("HX-Request") == null) {
            // the login or sign-up form left open past its session: the form again, saying so, not a dead end
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if ("/logout".equals(path)) {
                // its session had already ended (signed out in another tab): done already, nothing to send again
                response.sendRedirect(request.getContextPath() + "/login?logout");
                return;
            }
            if ("/login".equals(path) || "/signup".equals(path)) {
                String continueTo = request.getParameter("continue");
                response.sendRedirect(request.getContextPath() + ("/login".equals(path)
                        ? "/login?error=expired" + (continueTo == null || continueTo.isBlank() ? ""
                                : "&continue=" + URLEncoder.encode(continueTo, StandardCharsets.UTF_8))
                        : "/signup?notice=expired"));
                return;
            }
        }
        if (!(refused instanceof CsrfException)) {
            pages.markIfNoPage(request);
        }
        forward.handle(request, response, refused);
    }
}
