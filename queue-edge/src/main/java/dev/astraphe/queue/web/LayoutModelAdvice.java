package dev.astraphe.queue.web;

import dev.astraphe.shared.web.AppLinks;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout fragment needs on every page: the links back to the other apps. */
@ControllerAdvice
class LayoutModelAdvice {

    private final AppLinks links;

    LayoutModelAdvice(AppLinks links) {
        this.links = links;
    }

    @ModelAttribute("links")
    AppLinks links() {
        return links;
    }
}
