package dev.astraphe.console.web;

import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.shared.web.LanguageLinks;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/** What the layout needs on every page: who is signed in and where the other apps live. */
@ControllerAdvice
class LayoutModel {

    private final AppLinks links;

    LayoutModel(AppLinks links) {
        this.links = links;
    }

    @ModelAttribute("links")
    AppLinks links() {
        return links;
    }

    /** The language switch: this page, in each language, its query kept. */
    @ModelAttribute("languageLinks")
    LanguageLinks languageLinks() {
        return LanguageLinks.current();
    }

    @ModelAttribute("me")
    AstrapheUser me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof AstrapheUser user ? user : null;
    }

    @ModelAttribute("isAdmin")
    boolean isAdmin() {
        AstrapheUser user = me();
        return user != null && user.hasRole(Role.ADMIN);
    }

    @ModelAttribute("isSeller")
    boolean isSeller() {
        AstrapheUser user = me();
        return user != null && user.hasRole(Role.SELLER);
    }

    /** The same attributes, for a view that does not get them by itself (an exception handler's). */
    void addTo(ModelAndView view) {
        view.addObject("links", links());
        view.addObject("languageLinks", languageLinks());
        view.addObject("me", me());
        view.addObject("isAdmin", isAdmin());
        view.addObject("isSeller", isSeller());
    }
}
