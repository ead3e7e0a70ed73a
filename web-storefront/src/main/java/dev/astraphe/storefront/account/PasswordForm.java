package dev.astraphe.storefront.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record PasswordForm(@NotBlank String currentPassword,
                    @NotBlank @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_BYTES) String newPassword,
                    @NotBlank String newPasswordConfirmation) {

    static PasswordForm empty() {
        return new PasswordForm("", "", "");
    }
}
