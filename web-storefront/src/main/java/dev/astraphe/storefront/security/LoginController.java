package dev.astraphe.storefront.security;

import dev.astraphe.shared.security.LoginProperties;
import dev.astraphe.shared.web.AppLinks;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    private static final Set<String> ERRORS = Set.of("bad-credentials", "disabled", "throttled");

    private final AppLinks links;
    private final LoginProperties properties;

    LoginController(AppLinks links, LoginProperties properties) {
        this.links = links;
        this.properties = properties;
    }

    @GetMapping("/login")
    String loginPage(@RequestParam(required = false) String error,
                     @RequestParam(name = "continue", required = false) String continueTo, Model model) {
        if (error != null) {
            model.addAttribute("loginError", "login.error." + (ERRORS.contains(error) ? error : "bad-credentials"));
            model.addAttribute("throttleMinutes", Math.max(1, properties.window().toMinutes()));
        }
        model.addAttribute("continueTo", links.safeContinue(continueTo, null));
        return "security/login";
    }
}
