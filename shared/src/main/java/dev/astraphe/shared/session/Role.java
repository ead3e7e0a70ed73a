package dev.astraphe.shared.session;

/** Roles an account can hold. No form field ever sets one: SHOPPER and SELLER come from which sign-up was used, ADMIN only from an admin. */
public enum Role {
    SHOPPER, SELLER, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
