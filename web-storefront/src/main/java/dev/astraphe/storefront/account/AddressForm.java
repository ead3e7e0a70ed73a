package dev.astraphe.storefront.account;

import dev.astraphe.db.account.Address;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record AddressForm(@NotBlank @Size(max = 30) String label,
                   @NotBlank @Size(max = 50) String recipient,
                   @NotBlank @Pattern(regexp = PHONE) String phone,
                   @NotBlank @Pattern(regexp = "\\d{5}") String postalCode,
                   @NotBlank @Size(max = 200) String line1,
                   @Size(max = 200) String line2) {

    static final String PHONE = "[0-9+\\- ]{7,30}";
    static final String PHONE_OR_EMPTY = "|" + PHONE;

    static AddressForm empty() {
        return new AddressForm("", "", "", "", "", "");
    }

    static AddressForm of(Address a) {
        return new AddressForm(a.getLabel(), a.getRecipient(), a.getPhone(), a.getPostalCode(), a.getLine1(), a.getLine2());
    }
}
