package dev.astraphe.console.admin;

import dev.astraphe.console.web.ActionRefusedException;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.shared.session.AstrapheUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Companies waiting for a decision, approved or rejected from the row; below them the latest decisions. */
@Controller
@RequestMapping("/admin/companies")
class AdminCompaniesController {

    private final CompanyRepository companies;
    private final CompanyApprovals approvals;
    private final AccountRepository accounts;

    AdminCompaniesController(CompanyRepository companies, CompanyApprovals approvals, AccountRepository accounts) {
        this.companies = companies;
        this.approvals = approvals;
        this.accounts = accounts;
    }

    @GetMapping
    String pending(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("companies", companies.findByApprovalStatusOrderByCreatedAtAsc(ApprovalStatus.PENDING));
        List<Company> decided = companies.findTop20ByApprovalStatusInOrderByDecidedAtDesc(
                List.of(ApprovalStatus.APPROVED, ApprovalStatus.REJECTED));
        model.addAttribute("decided", decided);
        // who decided: their e-mail, in one query
        model.addAttribute("deciders", accounts.findAllById(decided.stream().map(Company::getDecidedBy).filter(Objects::nonNull)
                        .collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(Account::getId, Account::getEmail)));
        model.addAttribute("done", done);
        return "admin/companies";
    }

    /** {@code version}: the company as the row showed it (the page always sends it). */
    @PostMapping("/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(required = false) Long version, @AuthenticationPrincipal AstrapheUser me,
                   HtmxRequest htmx, Model model) {
        return decided(() -> approvals.approve(me.id(), id, version), "approved", htmx, model);
    }

    @PostMapping("/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) Long version, @RequestParam(required = false) String reason,
                  @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        return decided(() -> approvals.reject(me.id(), id, version, reason), "rejected", htmx, model);
    }

    private static String decided(Supplier<Company> decision, String done, HtmxRequest htmx, Model model) {
        Company company;
        try {
            company = decision.get();
        } catch (OptimisticLockingFailureException e) {
            // another admin's decision, or the seller's correction, committed first
            throw new ActionRefusedException("admin.refused.changed-meanwhile");
        }
        if (htmx.isHtmxRequest()) {
            model.addAttribute("company", company);
            return "admin/companies :: row";
        }
        return "redirect:/admin/companies?done=" + done;
    }
}
