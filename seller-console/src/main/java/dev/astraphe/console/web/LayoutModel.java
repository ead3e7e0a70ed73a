package dev.astraphe.console.web;

import dev.astraphe.shared.session.AstrapheUser;
import dev.astraphe.shared.session.Role;
import dev.astraphe.shared.web.LayoutLinks;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/** What the layout needs on every page: who is signed in (where the other apps live: {@link LayoutLinks}). */
@ControllerAdvice
class LayoutModel {

    private final LayoutLinks links;

    LayoutModel(LayoutLinks links) {
        this.links = links;
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
        links.addTo(view);
        view.addObject("me", me());
        view.addObject("isAdmin", isAdmin());
        view.addObject("isSeller", isSeller());
    }
}
