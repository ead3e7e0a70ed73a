package dev.astraphe.storefront.security;

import dev.astraphe.shared.security.FailedLoginEmail;
import dev.astraphe.shared.security.LoginProperties;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.shared.web.PageMappings;
import dev.astraphe.storefront.web.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    private static final Set<String> ERRORS = Set.of("bad-credentials", "disabled", "throttled", "expired");

    private final AppLinks links;
    private final LoginProperties properties;

    LoginController(AppLinks links, LoginProperties properties) {
        this.links = links;
        this.properties = properties;
    }

    @GetMapping("/login")
    String loginPage(@RequestParam(required = false) String error,
                     @RequestParam(name = "continue", required = false) String continueTo, Model model,
                     HttpServletRequest request, @AuthenticationPrincipal AstrapheUser user) {
        if (user != null) {
            // signed in already (a bookmark, the back button): on to where the login would have led
            return "redirect:" + links.safeContinue(continueTo, "/");
        }
        if (error != null) {
            model.addAttribute("loginError", "login.error." + (ERRORS.contains(error) ? error : "bad-credentials"));
            model.addAttribute("throttleMinutes", Math.max(1, properties.window().toMinutes()));
            String typed = FailedLoginEmail.take(request);
            if (typed != null) {
                model.addAttribute("email", typed);
            }
        }
        model.addAttribute("continueTo", links.safeContinue(continueTo, null));
        return "security/login";
    }

    /**
     * {@code /logout} opened as a page: signing out is a form's POST (with its CSRF token), so a bookmark or a typed
     * address asks first instead of answering 404. Nobody signed in has nothing to sign out of.
     */
    @GetMapping("/logout")
    String logoutPage(@AuthenticationPrincipal AstrapheUser user, Model model) {
        if (user == null) {
            return "redirect:/";
        }
        model.addAttribute("user", user);
        return "security/logout";
    }

    /**
     * Where Spring Security forwards refused requests ({@link LoginHandlers}): a form whose CSRF token no longer
     * matches (a page kept open past its session) is told to reload, anything else that it is not allowed. An htmx
     * request gets the message alone, where its swap was aimed.
     */
    @RequestMapping("/denied")
    String denied(HttpServletRequest request, HttpServletResponse response, HtmxRequest htmx, Model model) {
        if (PageMappings.marked(request)) {
            throw new NotFoundException(request.getRequestURI()); // a visitor at an address with no page behind it
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("status", HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("errorKey", request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException
                ? "error.expired" : "error.forbidden");
        return htmx.isHtmxRequest() ? "error :: message" : "error";
    }
}
