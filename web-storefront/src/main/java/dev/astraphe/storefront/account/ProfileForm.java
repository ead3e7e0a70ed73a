package dev.astraphe.storefront.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record ProfileForm(@NotBlank @Size(max = 50) String displayName,
                   @Size(max = 30) @Pattern(regexp = AddressForm.PHONE_OR_EMPTY) String phone) {
}
