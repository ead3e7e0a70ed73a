package dev.astraphe.storefront.account;

import jakarta.validation.constraints.NotBlank;

record PasswordForm(@NotBlank String currentPassword,
                    @NotBlank String newPassword,
                    @NotBlank String newPasswordConfirmation) {

    static PasswordForm empty() {
        return new PasswordForm("", "", "");
    }
}
