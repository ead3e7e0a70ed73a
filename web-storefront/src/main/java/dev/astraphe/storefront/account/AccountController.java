package dev.astraphe.storefront.account;

import dev.astraphe.shared.security.PasswordPolicy;
import dev.astraphe.shared.session.AstrapheUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/account")
class AccountController {

    private final ShopperAccounts accounts;
    private final AccountPage page;
    private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

    AccountController(ShopperAccounts accounts, AccountPage page) {
        this.accounts = accounts;
        this.page = page;
    }

    @GetMapping
    String account(@AuthenticationPrincipal AstrapheUser user, Model model) {
        return page.render(user.id(), model);
    }

    @PostMapping("/profile")
    String updateProfile(@AuthenticationPrincipal AstrapheUser user, @Valid @ModelAttribute("profileForm") ProfileForm form,
                         BindingResult result, Model model, Authentication current,
                         HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return page.render(user.id(), model);
        }
        AstrapheUser updated = accounts.updateProfile(user.id(), form.displayName(), form.phone());
        // the session keeps a copy of the principal; refresh it so the header shows the new name
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(updated, null, current.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
        redirect.addFlashAttribute("flash", "account.profile.saved");
        return "redirect:/account";
    }

    /**
     * After a password change every session of the account ends, this one too: the shopper logs in
     * again with the new password, which is the simplest behaviour that is clearly safe.
     */
    @PostMapping("/password")
    String changePassword(@AuthenticationPrincipal AstrapheUser user, @Valid @ModelAttribute("passwordForm") PasswordForm form,
                          BindingResult result, Model model, Authentication current,
                          HttpServletRequest request, HttpServletResponse response) {
        if (!result.hasFieldErrors("newPassword")) {
            String weak = PasswordPolicy.violation(form.newPassword(), user.email());
            if (weak != null) {
                result.rejectValue("newPassword", weak);
            }
        }
        if (!result.hasFieldErrors("newPasswordConfirmation") && form.newPassword() != null
                && !form.newPassword().equals(form.newPasswordConfirmation())) {
            result.rejectValue("newPasswordConfirmation", "mismatch");
        }
        if (!result.hasErrors()) {
            try {
                accounts.changePassword(user.id(), form.currentPassword(), form.newPassword());
                new SecurityContextLogoutHandler().logout(request, response, current);
                return "redirect:/login?notice=password-changed";
            } catch (WrongPasswordException e) {
                result.rejectValue("currentPassword", "wrong-password");
            }
        }
        return page.render(user.id(), model);
    }

    @PostMapping("/delete")
    String deleteAccount(@AuthenticationPrincipal AstrapheUser user, @Valid @ModelAttribute("deleteAccountForm") DeleteAccountForm form,
                         BindingResult result, Model model, Authentication current,
                         HttpServletRequest request, HttpServletResponse response) {
        if (!result.hasErrors()) {
            try {
                accounts.delete(user.id(), form.password());
                new SecurityContextLogoutHandler().logout(request, response, current);
                return "redirect:/?notice=account-deleted";
            } catch (WrongPasswordException e) {
                result.rejectValue("password", "wrong-password");
            }
        }
        return page.render(user.id(), model);
    }
}
