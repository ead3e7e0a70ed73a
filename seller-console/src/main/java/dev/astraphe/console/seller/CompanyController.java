package dev.astraphe.console.seller;

import dev.astraphe.shared.session.AstrapheUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The seller's own company: details and approval status. */
@Controller
class CompanyController {

    private final SellerAccess access;

    CompanyController(SellerAccess access) {
        this.access = access;
    }

    @GetMapping("/company")
    String company(@AuthenticationPrincipal AstrapheUser user, Model model) {
        model.addAttribute("company", access.companyOf(user));
        return "seller/company";
    }
}
