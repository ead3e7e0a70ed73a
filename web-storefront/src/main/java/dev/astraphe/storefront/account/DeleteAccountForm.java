package dev.astraphe.storefront.account;

import jakarta.validation.constraints.NotBlank;

record DeleteAccountForm(@NotBlank String password) {

    static DeleteAccountForm empty() {
        return new DeleteAccountForm("");
    }
}
