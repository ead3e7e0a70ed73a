package dev.astraphe.console.admin;

import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.shared.session.AstrapheUser;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
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

    @PostMapping("/{id}/approve")
    String approve(@PathVariable long id, @AuthenticationPrincipal AstrapheUser me, HtmxRequest htmx, Model model) {
        return decided(approvals.approve(me.id(), id), "approved", htmx, model);
    }

    @PostMapping("/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) String reason, @AuthenticationPrincipal AstrapheUser me,
                  HtmxRequest htmx, Model model) {
        return decided(approvals.reject(me.id(), id, reason), "rejected", htmx, model);
    }

    private static String decided(Company company, String done, HtmxRequest htmx, Model model) {
        if (htmx.isHtmxRequest()) {
            model.addAttribute("company", company);
            return "admin/companies :: row";
        }
        return "redirect:/admin/companies?done=" + done;
    }
}
