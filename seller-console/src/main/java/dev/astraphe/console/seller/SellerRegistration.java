package dev.astraphe.console.seller;

import dev.astraphe.console.web.ActionRefusedException;
import dev.astraphe.console.web.NotFoundException;
import dev.astraphe.db.account.Account;
import dev.astraphe.db.account.AccountRepository;
import dev.astraphe.db.company.ApprovalStatus;
import dev.astraphe.db.company.Company;
import dev.astraphe.db.company.CompanyRepository;
import dev.astraphe.shared.session.Role;
import java.util.Locale;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seller sign-up: a PENDING company and its first SELLER account, together or not at all. Used by
 * the sign-up page and by the demo data, so both go through the same checks.
 */
@Service
public class SellerRegistration {

    private final AccountRepository accounts;
    private final CompanyRepository companies;
    private final PasswordEncoder passwordEncoder;

    SellerRegistration(AccountRepository accounts, CompanyRepository companies, PasswordEncoder passwordEncoder) {
        this.accounts = accounts;
        this.companies = companies;
        this.passwordEncoder = passwordEncoder;
    }

    /** Returns the new account's id; throws {@link DuplicateSignUpException} for a taken e-mail or business number. */
    @Transactional
    public long register(SellerSignUp signUp) {
        String email = Account.normalizeEmail(signUp.email());
        if (accounts.existsByEmail(email)) {
            throw new DuplicateSignUpException(DuplicateSignUpException.Field.EMAIL);
        }
        if (companies.existsByBusinessNumber(signUp.businessNumber())) {
            throw new DuplicateSignUpException(DuplicateSignUpException.Field.BUSINESS_NUMBER);
        }
        try {
            Company company = companies.saveAndFlush(new Company(signUp.companyName().trim(), signUp.businessNumber(),
                    blankToEmpty(signUp.description()), blankToEmpty(signUp.companyAddress())));
            Account account = new Account(email, passwordEncoder.encode(signUp.rawPassword()), signUp.displayName().trim(),
                    Role.SELLER, company.getId());
            account.updateProfile(account.getDisplayName(), blankToNull(signUp.phone()));
            return accounts.saveAndFlush(account).getId();
        } catch (DataIntegrityViolationException e) {
            // a concurrent sign-up won the race between the checks above and the insert
            throw new DuplicateSignUpException(whichConstraint(e));
        }
    }

    /**
     * A rejected company sends corrected details for review again (pending once more). Refused unless the company is
     * rejected; throws {@link DuplicateSignUpException} for a business number another company has.
     */
    @Transactional
    public Company reapply(long companyId, CompanyForm form) {
        Company company = companies.findById(companyId).orElseThrow(() -> new NotFoundException("company"));
        if (company.getApprovalStatus() != ApprovalStatus.REJECTED) {
            throw new ActionRefusedException("company.refused.not-rejected");
        }
        String businessNumber = form.businessNumber().trim();
        if (companies.existsByBusinessNumberAndIdNot(businessNumber, companyId)) {
            throw new DuplicateSignUpException(DuplicateSignUpException.Field.BUSINESS_NUMBER);
        }
        company.reapply(form.companyName().trim(), businessNumber, blankToEmpty(form.description()),
                blankToEmpty(form.companyAddress()));
        try {
            return companies.saveAndFlush(company);
        } catch (DataIntegrityViolationException e) {
            throw new DuplicateSignUpException(whichConstraint(e)); // another company took the number meanwhile
        }
    }

    private static DuplicateSignUpException.Field whichConstraint(DataIntegrityViolationException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("companies_business_number_key")) {
            return DuplicateSignUpException.Field.BUSINESS_NUMBER;
        }
        if (message.contains("accounts_email_key")) {
            return DuplicateSignUpException.Field.EMAIL;
        }
        throw e;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
