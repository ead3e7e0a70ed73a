package dev.astraphe.console.seller;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The sign-up form as posted. It has no role field, so a crafted {@code role} parameter binds to nothing. */
record SellerSignUpForm(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank String password, // its length and the rest: PasswordPolicy, in the controller
        @NotBlank String passwordConfirmation,
        @NotBlank @Size(max = 50) String displayName,
        @Pattern(regexp = "^$|^0\\d{1,2}-?\\d{3,4}-?\\d{4}$", message = "{signup.phone.invalid}") @Size(max = 30) String phone,
        @NotBlank @Size(max = 100) String companyName,
        @NotBlank @Pattern(regexp = BUSINESS_NUMBER, message = "{signup.business-number.invalid}") String businessNumber,
        @NotBlank @Size(max = 255) String companyAddress,
        @Size(max = 1000) String description) {

    /** A business registration number as written: 123-45-67890. */
    static final String BUSINESS_NUMBER = "^\\d{3}-\\d{2}-\\d{5}$";

    static SellerSignUpForm empty() {
        return new SellerSignUpForm("", "", "", "", "", "", "", "", "");
    }

    SellerSignUp toCommand() {
        return new SellerSignUp(email, password, displayName, phone, companyName, businessNumber.trim(), companyAddress, description);
    }
}
