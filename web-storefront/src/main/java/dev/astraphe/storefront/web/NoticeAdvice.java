package dev.astraphe.storefront.web;

import java.util.Set;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Messages shown after the session was ended on purpose (password changed, account deleted), or a form was sent
 * after its session had ended (expired): no session is left to carry a flash attribute, so a known key travels in
 * {@code ?notice=}.
 */
@ControllerAdvice
class NoticeAdvice {

    private static final Set<String> NOTICES = Set.of("password-changed", "account-deleted", "expired");

    @ModelAttribute
    void notice(@RequestParam(name = "notice", required = false) String notice, Model model) {
        if (notice != null && NOTICES.contains(notice) && !model.containsAttribute("flash")) {
            model.addAttribute("flash", "notice." + notice);
        }
    }
}
