package dev.astraphe.console.seller;

import dev.astraphe.db.company.Company;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A rejected company's details, corrected and sent again: the sign-up form's company part, with its rules. */
public record CompanyForm(
        @NotBlank @Size(max = 100) String companyName,
        @NotBlank @Pattern(regexp = SellerSignUpForm.BUSINESS_NUMBER, message = "{signup.business-number.invalid}") String businessNumber,
        @NotBlank @Size(max = 255) String companyAddress,
        @Size(max = 1000) String description) {

    static CompanyForm of(Company company) {
        return new CompanyForm(company.getName(), company.getBusinessNumber(), company.getAddress(), company.getDescription());
    }
}
