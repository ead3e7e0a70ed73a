package dev.astraphe.storefront.security;

import dev.astraphe.shared.security.FailedLoginEmail;
import dev.astraphe.shared.security.LoginThrottledException;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.shared.web.PageMappings;
import dev.astraphe.shared.web.RefererPage;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Where login sends the browser. No saved request lives in the shared session (queue-edge could not
 * read one): the target travels in a {@code continue} parameter that is validated on every hop.
 */
class LoginHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler, AuthenticationEntryPoint,
        AccessDeniedHandler {

    private final AppLinks links;
    private final PageMappings pages;
    /** Every other refusal: the styled page that says why ({@code LoginController#denied}). */
    private final AccessDeniedHandlerImpl toPage = new AccessDeniedHandlerImpl();

    LoginHandlers(AppLinks links, PageMappings pages) {
        this.links = links;
        this.pages = pages;
        toPage.setErrorPage("/denied");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication) throws IOException {
        response.sendRedirect(links.safeContinue(request.getParameter("continue"), "/"));
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) throws IOException {
        String error;
        if (exception instanceof LoginThrottledException) {
            error = "throttled";
        } else if (exception instanceof AccountStatusException) {
            error = "disabled";
        } else {
            error = "bad-credentials";
        }
        FailedLoginEmail.remember(request);
        String target = links.safeContinue(request.getParameter("continue"), null);
        response.sendRedirect("/login?error=" + error + (target == null ? "" : "&continue=" + encode(target)));
    }

    /** Unauthenticated page request: to the login page, coming back to the same path and query (if there is a page). */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        // a mistyped address is not found, signed in or not: logging in would not make it exist
        if (request.getHeader("HX-Request") == null && pages.markIfNoPage(request)) {
            request.getRequestDispatcher("/denied").forward(request, response);
            return;
        }
        // only a page can be returned to: after login a POST target would be replayed as a GET
        String here = "GET".equals(request.getMethod())
                ? request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString())
                : "/";
        String login = "/login?continue=" + encode(here);
        if (request.getHeader("HX-Request") != null) {
            // an htmx swap would paste the login page into a fragment: let htmx navigate instead
            String page = request.getHeader("HX-Current-URL");
            response.setHeader("HX-Redirect", page == null ? login : "/login?continue=" + encode(links.safeContinue(page, "/")));
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.sendRedirect(login);
    }

    /**
     * A login form left open past its session (its CSRF token went with it) is asked for again, on the login page
     * with a line saying why and the way back kept; a logout is done already; any other form goes back to its page,
     * which says so; an htmx action is answered by loading its page again; any other refusal gets the page that says
     * why.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (denied instanceof CsrfException && "POST".equals(request.getMethod())) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if ("/login".equals(path)) {
                String target = links.safeContinue(request.getParameter("continue"), null);
                response.sendRedirect("/login?error=expired" + (target == null ? "" : "&continue=" + encode(target)));
                return;
            }
            if ("/logout".equals(path)) {
                // its session had already ended (signed out in another tab): what it asked for is done, and there is
                // nothing to type again; the shop, signed out
                response.sendRedirect("/");
                return;
            }
            if (request.getHeader("HX-Request") == null) {
                // any other form left open past its session (sign-up, the account page's forms after logging out in
                // another tab): back to the page it was on, which says so, instead of a dead end. Signed out, that
                // page asks for the login first and comes back to it
                String from = RefererPage.of(request);
                String page = from == null ? "/" : links.safeContinue(from, "/");
                response.sendRedirect(page + (page.contains("?") ? "&" : "?") + "notice=expired");
                return;
            }
        }
        if (request.getHeader("HX-Request") != null) {
            // htmx swaps nothing for a 403, so an action on a page whose session had ended (logged out in another tab)
            // did nothing and said nothing. The page is loaded again instead, showing what is now true: the login
            // page with the way back if the session is gone, else the page with a fresh token to try again with
            response.setHeader("HX-Refresh", "true");
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        toPage.handle(request, response, denied);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
