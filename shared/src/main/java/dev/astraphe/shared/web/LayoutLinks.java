package dev.astraphe.shared.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page's layout links to, in both servlet apps ({@link ServletWebConfiguration}): the other apps (a seller
 * or an admin signed in on the storefront is shown the way to the console) and this page in each language.
 */
@ControllerAdvice
public class LayoutLinks {

    private final AppLinks links;

    public LayoutLinks(AppLinks links) {
        this.links = links;
    }

    @ModelAttribute("links")
    public AppLinks links() {
        return links;
    }

    /** The language switch: this page, in each language, its query kept. */
    @ModelAttribute("languageLinks")
    public LanguageLinks languageLinks() {
        return LanguageLinks.current();
    }

    /** The same, for a view that does not get them by itself (an exception handler's). */
    public void addTo(ModelAndView view) {
        view.addObject("links", links());
        view.addObject("languageLinks", languageLinks());
    }
}
