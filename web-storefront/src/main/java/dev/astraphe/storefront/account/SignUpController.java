package dev.astraphe.storefront.account;

import dev.astraphe.shared.security.PasswordPolicy;
import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.web.AppLinks;
import jakarta.validation.Valid;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/signup")
class SignUpController {

    private static final String VIEW = "account/signup";

    private final ShopperAccounts accounts;
    private final AppLinks links;

    SignUpController(ShopperAccounts accounts, AppLinks links) {
        this.accounts = accounts;
        this.links = links;
    }

    @GetMapping
    String signUpForm(@RequestParam(name = "continue", required = false) String continueTo, Model model,
                      @AuthenticationPrincipal AstrapheUser user) {
        if (user != null) {
            return "redirect:" + links.safeContinue(continueTo, "/"); // has an account, and is signed in with it
        }
        model.addAttribute("signUpForm", SignUpForm.empty());
        model.addAttribute("continueTo", links.safeContinue(continueTo, null));
        return VIEW;
    }

    @PostMapping
    String signUp(@Valid @ModelAttribute("signUpForm") SignUpForm form, BindingResult result,
                  @RequestParam(name = "continue", required = false) String continueTo,
                  Model model, RedirectAttributes redirect) {
        String target = links.safeContinue(continueTo, null);
        checkPasswords(form, result);
        if (!result.hasErrors()) {
            try {
                accounts.register(form.email(), form.password(), form.displayName(), form.phone());
                redirect.addFlashAttribute("flash", "signup.done");
                redirect.addFlashAttribute("email", form.email().trim());
                return "redirect:/login" + (target == null ? "" : "?continue=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
            } catch (DuplicateEmailException e) {
                result.rejectValue("email", "duplicate");
            }
        }
        model.addAttribute("continueTo", target);
        return VIEW;
    }

    private static void checkPasswords(SignUpForm form, BindingResult result) {
        if (!result.hasFieldErrors("password")) {
            String weak = PasswordPolicy.violation(form.password(), form.email());
            if (weak != null) {
                result.rejectValue("password", weak);
            }
        }
        if (!result.hasFieldErrors("passwordConfirmation") && form.password() != null
                && !form.password().equals(form.passwordConfirmation())) {
            result.rejectValue("passwordConfirmation", "mismatch");
        }
    }
}
