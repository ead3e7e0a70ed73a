package dev.astraphe.console.seller;

/** Everything a seller sign-up needs; deliberately no role: sign-up through this path always makes a SELLER. */
public record SellerSignUp(String email, String rawPassword, String displayName, String phone,
                           String companyName, String businessNumber, String companyAddress, String description) {
}
