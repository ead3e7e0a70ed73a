package dev.astraphe.console.seller;

import dev.astraphe.console.web.ActionRefusedException;
import dev.astraphe.console.web.NotFoundException;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.shared.session.AstrapheUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a signed-in seller may do with their company. Read from the database on every call, not
 * from the session, so an approval takes effect without signing in again. Product pages call
 * {@link #requireApproved} before anything that publishes.
 */
@Component
public class SellerAccess {

    private final CompanyRepository companies;

    SellerAccess(CompanyRepository companies) {
        this.companies = companies;
    }

    /** The seller's own company; a user without one (an admin, a shopper) gets a 404, never someone else's. */
    @Transactional(readOnly = true)
    public Company companyOf(AstrapheUser user) {
        if (user == null || user.companyId() == null) {
            throw new NotFoundException("company");
        }
        return companies.findById(user.companyId()).orElseThrow(() -> new NotFoundException("company"));
    }

    public boolean canPublish(AstrapheUser user) {
        return user != null && user.companyId() != null
                && companies.findById(user.companyId()).map(Company::isApproved).orElse(false);
    }

    /** Refuses (409 with the "pending approval" message) unless the seller's company is approved. */
    public Company requireApproved(AstrapheUser user) {
        Company company = companyOf(user);
        if (!company.isApproved()) {
            throw new ActionRefusedException("seller.not-approved");
        }
        return company;
    }
}
