package dev.astraphe.storefront.account;

import dev.astraphe.shared.session.AstrapheUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Address book. Each handler answers an htmx request with the re-rendered address section and a
 * plain form POST with a redirect (or the full page when the form has errors).
 */
@Controller
@RequestMapping("/account/addresses")
class AddressController {

    private final ShopperAddresses addresses;
    private final AccountPage page;

    AddressController(ShopperAddresses addresses, AccountPage page) {
        this.addresses = addresses;
        this.page = page;
    }

    @GetMapping
    String list(@AuthenticationPrincipal AstrapheUser user, HtmxRequest htmx, Model model) {
        return htmx.isHtmxRequest() ? page.addressSection(user.id(), model) : "redirect:/account#addresses";
    }

    @GetMapping("/{id}/edit")
    String editForm(@AuthenticationPrincipal AstrapheUser user, @PathVariable long id, HtmxRequest htmx, Model model) {
        model.addAttribute("editingId", id);
        model.addAttribute("addressForm", AddressForm.of(addresses.get(user.id(), id)));
        return section(user, htmx, model);
    }

    @PostMapping
    String add(@AuthenticationPrincipal AstrapheUser user, @Valid @ModelAttribute("newAddress") AddressForm form,
               BindingResult result, HtmxRequest htmx, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors() && addresses.count(user.id()) >= ShopperAddresses.MAX_PER_ACCOUNT) {
            result.reject("address.too-many", new Object[] {ShopperAddresses.MAX_PER_ACCOUNT}, null);
        }
        if (result.hasErrors()) {
            model.addAttribute("addFormOpen", true);
            return section(user, htmx, model);
        }
        addresses.add(user.id(), form);
        return done(user, htmx, model, redirect, "address.added");
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal AstrapheUser user, @PathVariable long id,
                  @Valid @ModelAttribute("addressForm") AddressForm form, BindingResult result,
                  HtmxRequest htmx, Model model, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            addresses.get(user.id(), id); // someone else's id is a 404, also with invalid input
            model.addAttribute("editingId", id);
            return section(user, htmx, model);
        }
        addresses.update(user.id(), id, form);
        return done(user, htmx, model, redirect, "address.saved");
    }

    @PostMapping("/{id}/delete")
    String delete(@AuthenticationPrincipal AstrapheUser user, @PathVariable long id,
                  HtmxRequest htmx, Model model, RedirectAttributes redirect) {
        addresses.delete(user.id(), id);
        return done(user, htmx, model, redirect, "address.deleted");
    }

    @PostMapping("/{id}/default")
    String makeDefault(@AuthenticationPrincipal AstrapheUser user, @PathVariable long id,
                       HtmxRequest htmx, Model model, RedirectAttributes redirect) {
        addresses.makeDefault(user.id(), id);
        return done(user, htmx, model, redirect, "address.default-set");
    }

    private String section(AstrapheUser user, HtmxRequest htmx, Model model) {
        return htmx.isHtmxRequest() ? page.addressSection(user.id(), model) : page.render(user.id(), model);
    }

    private String done(AstrapheUser user, HtmxRequest htmx, Model model, RedirectAttributes redirect, String message) {
        if (htmx.isHtmxRequest()) {
            model.addAttribute("addressFlash", message);
            model.addAttribute("newAddress", AddressForm.empty());
            return page.addressSection(user.id(), model);
        }
        redirect.addFlashAttribute("flash", message);
        return "redirect:/account#addresses";
    }
}
