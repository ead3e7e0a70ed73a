package dev.astraphe.console.seller;

import dev.astraphe.console.web.ActionRefusedException;
import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.Company;
import dev.astraphe.shared.session.AstrapheUser;
import jakarta.validation.Valid;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The seller's own company: details and approval status; a rejected one is corrected here and sent again. */
@Controller
class CompanyController {

    private static final String PAGE = "seller/company";

    private final SellerAccess access;
    private final SellerRegistration registration;

    CompanyController(SellerAccess access, SellerRegistration registration) {
        this.access = access;
        this.registration = registration;
    }

    @GetMapping("/company")
    String company(@AuthenticationPrincipal AstrapheUser user, Model model) {
        Company company = access.companyOf(user);
        model.addAttribute("company", company);
        if (company.getApprovalStatus() == ApprovalStatus.REJECTED) {
            model.addAttribute("form", CompanyForm.of(company));
        }
        return PAGE;
    }

    /** Only the seller's own company (from the session, never from the request), and only while it is rejected. */
    @PostMapping("/company/reapply")
    String reapply(@AuthenticationPrincipal AstrapheUser user, @Valid @ModelAttribute("form") CompanyForm form,
                   BindingResult result, Model model) {
        Company company = access.companyOf(user);
        model.addAttribute("company", company);
        if (company.getApprovalStatus() != ApprovalStatus.REJECTED) {
            return "redirect:/company"; // decided again meanwhile, or sent twice: the page says where it stands
        }
        if (result.hasErrors()) {
            return PAGE;
        }
        try {
            registration.reapply(company.getId(), form);
        } catch (DuplicateSignUpException e) {
            result.rejectValue("businessNumber", "signup.business-number.taken");
            return PAGE;
        } catch (ActionRefusedException | OptimisticLockingFailureException decidedOrSentMeanwhile) {
            // another tab's correction, or an admin's decision, came first: the page says where it stands now
            return "redirect:/company";
        }
        return "redirect:/company";
    }
}
