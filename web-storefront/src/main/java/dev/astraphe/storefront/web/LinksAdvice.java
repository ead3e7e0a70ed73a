package dev.astraphe.storefront.web;

import dev.astraphe.shared.web.AppLinks;
import dev.astraphe.shared.web.LanguageLinks;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * For the layout: the other apps' addresses (a seller or an admin signed in here is shown the way to the console) and
 * the language switch's.
 */
@ControllerAdvice
class LinksAdvice {

    private final AppLinks links;

    LinksAdvice(AppLinks links) {
        this.links = links;
    }

    @ModelAttribute("links")
    AppLinks links() {
        return links;
    }

    /** The footer's language switch: this page, in each language, its query kept. */
    @ModelAttribute("languageLinks")
    LanguageLinks languageLinks() {
        return LanguageLinks.current();
    }
}
