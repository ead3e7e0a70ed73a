package dev.astraphe.console.web;

import dev.astraphe.console.seller.SellerAccess;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's front page: a seller's company status; admins go straight to their dashboard. */
@Controller
class HomeController {

    private final SellerAccess sellers;

    HomeController(SellerAccess sellers) {
        this.sellers = sellers;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal AstrapheUser user, Model model) {
        if (!user.hasRole(Role.SELLER)) {
            return "redirect:/admin";
        }
        model.addAttribute("company", sellers.companyOf(user));
        return "home";
    }
}
