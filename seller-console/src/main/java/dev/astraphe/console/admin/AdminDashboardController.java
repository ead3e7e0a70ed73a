package dev.astraphe.console.admin;

import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.shared.session.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class AdminDashboardController {

    private final AccountRepository accounts;
    private final CompanyRepository companies;

    AdminDashboardController(AccountRepository accounts, CompanyRepository companies) {
        this.accounts = accounts;
        this.companies = companies;
    }

    @GetMapping("/admin")
    String dashboard(Model model) {
        model.addAttribute("shoppers", accounts.countByRole(Role.SHOPPER));
        model.addAttribute("sellers", accounts.countByRole(Role.SELLER));
        model.addAttribute("pendingCompanies", companies.findByApprovalStatusOrderByCreatedAtAsc(ApprovalStatus.PENDING).size());
        return "admin/dashboard";
    }
}
