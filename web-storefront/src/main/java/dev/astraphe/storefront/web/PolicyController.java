package dev.astraphe.storefront.web;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The terms of service and the privacy policy that sign-up asks shoppers to agree to, and where a shopper finds whom to
 * write to (a disabled account is told to). One page per language: legal text reads badly cut into message keys.
 */
@Controller
class PolicyController {

    private final String supportEmail;

    PolicyController(@Value("${astraphe.support-email:help@astraphe.local}") String supportEmail) {
        this.supportEmail = supportEmail;
    }

    @GetMapping("/terms")
    String terms(Locale locale, Model model) {
        return page("terms", locale, model);
    }

    @GetMapping("/privacy")
    String privacy(Locale locale, Model model) {
        return page("privacy", locale, model);
    }

    private String page(String name, Locale locale, Model model) {
        model.addAttribute("supportEmail", supportEmail);
        return "policy/" + name + ("en".equals(locale.getLanguage()) ? "-en" : "-ko");
    }
}
