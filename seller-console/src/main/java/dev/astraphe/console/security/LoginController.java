package dev.astraphe.console.security;

import dev.astraphe.console.web.NotFoundException;
import dev.astraphe.shared.security.FailedLoginEmail;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.shared.web.PageMappings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    private static final Set<String> ERRORS = Set.of("bad-credentials", "disabled", "throttled", "shopper", "expired");
    private static final Set<String> NOTICES = Set.of("signed-up", "logout");

    private final AppLinks links;

    LoginController(AppLinks links) {
        this.links = links;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(name = "continue", required = false) String continueTo,
                 @RequestParam(required = false) String notice, @RequestParam(required = false) String logout, Model model,
                 HttpServletRequest request, @AuthenticationPrincipal AstrapheUser user) {
        if (user != null && (user.hasRole(Role.SELLER) || user.hasRole(Role.ADMIN))) {
            // signed in already: on to where the login would have led (a shopper's login is no way in here, so only
            // staff skip the form). safeContinue answers with the context path, which "redirect:" would add again
            String target = links.safeContinue(continueTo, request.getContextPath() + "/");
            return target.startsWith(request.getContextPath() + "/")
                    ? "redirect:" + target.substring(request.getContextPath().length()) : "redirect:" + target;
        }
        model.addAttribute("error", error == null ? null : ERRORS.contains(error) ? error : "bad-credentials");
        model.addAttribute("email", error == null ? null : FailedLoginEmail.take(request));
        model.addAttribute("notice", logout != null ? "logout" : notice != null && NOTICES.contains(notice) ? notice : null);
        model.addAttribute("continueTo", continueTo);
        return "security/login";
    }

    /**
     * {@code /logout} opened as a page: signing out is a form's POST (with its CSRF token), so a bookmark or a typed
     * address asks first instead of answering 404. Nobody signed in is sent to the login; a shopper, whom every other
     * console page refuses, to the storefront's own page (one session: it signs them out here too).
     */
    @GetMapping("/logout")
    String logoutPage(@AuthenticationPrincipal AstrapheUser user) {
        if (user == null) {
            return "redirect:/login";
        }
        boolean staff = user.hasRole(Role.SELLER) || user.hasRole(Role.ADMIN);
        return staff ? "security/logout" : "redirect:" + links.storefront("/logout");
    }

    /**
     * Where Spring Security forwards refused requests: shoppers, sellers on admin pages, stale forms. A visitor, seller
     * or admin refused an address with no page behind it is told it does not exist, as for any other missing page.
     */
    @RequestMapping("/denied")
    String denied(@AuthenticationPrincipal AstrapheUser user, HttpServletRequest request, HttpServletResponse response, Model model) {
        boolean staff = user != null && (user.hasRole(Role.SELLER) || user.hasRole(Role.ADMIN));
        if ((user == null || staff) && PageMappings.marked(request)) {
            throw new NotFoundException(request.getRequestURI());
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        String reason;
        if (request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException) {
            reason = "csrf";
        } else if (user != null && !staff) {
            reason = "shopper";
        } else {
            reason = "forbidden";
        }
        model.addAttribute("reason", reason);
        // an htmx action (the admins' queue controls) shows the refusal in its page's message area: one line, not a
        // second page inside the first
        if ("true".equals(request.getHeader("HX-Request"))) {
            model.addAttribute("message", true);
            return "security/denied :: message";
        }
        return "security/denied";
    }
}
