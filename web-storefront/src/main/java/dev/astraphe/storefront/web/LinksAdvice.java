package dev.astraphe.storefront.web;

import dev.astraphe.shared.web.AppLinks;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The other apps' addresses, for the layout: a seller or an admin signed in here is shown the way to the console. */
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
}
