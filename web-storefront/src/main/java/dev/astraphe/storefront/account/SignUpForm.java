package dev.astraphe.storefront.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Only these fields bind: a crafted {@code role} parameter has nowhere to go. Every component is a
 * String so that no input can fail conversion (a failed constructor binding leaves no form to re-render).
 */
record SignUpForm(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank String password,
        @NotBlank String passwordConfirmation,
        @NotBlank @Size(max = 50) String displayName,
        @Size(max = 30) @Pattern(regexp = AddressForm.PHONE_OR_EMPTY) String phone,
        @NotNull @Pattern(regexp = "true|on") String terms) {

    static SignUpForm empty() {
        return new SignUpForm("", "", "", "", "", null);
    }
}
