package dev.astraphe.console.admin;

import dev.astraphe.db.account.Account;
import dev.astraphe.shared.session.AstrapheUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.function.BiFunction;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** Users: a paged, searchable list; each row's actions answer htmx with the updated row, others with a redirect. */
@Controller
@RequestMapping("/admin/users")
class AdminUsersController {

    private static final int PAGE_SIZE = 20;

    private final AccountSearch search;
    private final AccountAdministration administration;

    AdminUsersController(AccountSearch search, AccountAdministration administration) {
        this.search = search;
        this.administration = administration;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
                @RequestParam(required = false) String done, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("users", search.search(q, PageRequest.of(Math.max(page, 0), PAGE_SIZE)));
        model.addAttribute("done", done);
        return "admin/users";
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        return act(administration::disable, "disabled", id, me, htmx, model);
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        return act(administration::enable, "enabled", id, me, htmx, model);
    }

    @PostMapping("/{id}/grant-admin")
    String grantAdmin(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        return act(administration::grantAdmin, "admin-granted", id, me, htmx, model);
    }

    @PostMapping("/{id}/revoke-admin")
    String revokeAdmin(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        return act(administration::revokeAdmin, "admin-revoked", id, me, htmx, model);
    }

    private String act(BiFunction<Long, Long, Account> action, String done, long id, AstrapheUser me, HtmxRequest htmx, Model model) {
        Account account = action.apply(me.id(), id);
        if (htmx.isHtmxRequest()) {
            model.addAttribute("user", account);
            return "admin/users :: row";
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/admin/users").queryParam("done", done).build().toUriString();
    }
}
