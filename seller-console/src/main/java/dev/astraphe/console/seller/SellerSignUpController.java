package dev.astraphe.console.seller;

import dev.astraphe.shared.security.PasswordPolicy;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
@RequestMapping("/signup")
class SellerSignUpController {

    private static final String FORM = "seller/signup";

    private final SellerRegistration registration;

    SellerSignUpController(SellerRegistration registration) {
        this.registration = registration;
    }

    @GetMapping
    String form(Model model, @AuthenticationPrincipal AstrapheUser user,
                @RequestParam(required = false) String notice) {
        model.addAttribute("expired", "expired".equals(notice)); // sent after its session ended: say so
        if (user != null && (user.hasRole(Role.SELLER) || user.hasRole(Role.ADMIN))) {
            return "redirect:/"; // a seller or an admin signed in already (a shopper may sign up a company)
        }
        model.addAttribute("form", SellerSignUpForm.empty());
        return FORM;
    }

    @PostMapping
    String signUp(@Valid @ModelAttribute("form") SellerSignUpForm form, BindingResult result) {
        if (!result.hasFieldErrors("password")) {
            // a shopper's rule too: bcrypt refuses more than 72 bytes, which a character limit let through (a 500)
            String weak = PasswordPolicy.violation(form.password(), form.email());
            if (weak != null) {
                result.rejectValue("password", weak);
            }
        }
        // said beside a weak password too, so that one resubmission can put both right
        if (!result.hasFieldErrors("passwordConfirmation") && form.password() != null
                && !form.password().equals(form.passwordConfirmation())) {
            result.rejectValue("passwordConfirmation", "signup.password.mismatch");
        }
        if (result.hasErrors()) {
            return FORM;
        }
        try {
            registration.register(form.toCommand());
        } catch (DuplicateSignUpException e) {
            switch (e.field()) {
                case EMAIL -> result.rejectValue("email", "signup.email.taken");
                case BUSINESS_NUMBER -> result.rejectValue("businessNumber", "signup.business-number.taken");
            }
            return FORM;
        }
        // the session is shared with apps that cannot read a FlashMap, so the notice travels in the URL
        return "redirect:/login?notice=signed-up";
    }
}
