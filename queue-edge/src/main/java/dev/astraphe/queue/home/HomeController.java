package dev.astraphe.queue.home;

import dev.astraphe.queue.web.LanguageChoice;
import dev.astraphe.shared.session.AstrapheUser;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

/** The waiting-room landing page; product queues are opened from the storefront's product pages. */
@Controller
class HomeController {

    @GetMapping("/")
    Rendering home(@AuthenticationPrincipal AstrapheUser user, ServerWebExchange exchange) {
        return LanguageChoice.ifAsked("/", exchange).orElseGet(() ->
                Rendering.view("home").modelAttribute("user", user).modelAttribute("languageSwitch", true).build());
    }

    /** Who the shared session says this is; used by the cross-app tests. */
    @GetMapping("/me")
    @ResponseBody
    Me me(@AuthenticationPrincipal AstrapheUser user) {
        return new Me(user.id(), user.email(), List.copyOf(user.roles()));
    }

    record Me(long id, String email, List<String> roles) {
    }
}
