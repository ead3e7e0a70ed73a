package dev.astraphe.console.security;

import org.springframework.security.core.AuthenticationException;

/** Why a console login was refused beyond Spring Security's own reasons; the code becomes {@code ?error=<code>}. */
class ConsoleLoginFailure extends AuthenticationException {

    private final String code;

    ConsoleLoginFailure(String code) {
        super(code);
        this.code = code;
    }

    String code() {
        return code;
    }

    /** Shoppers have the right password but no business here: they are told to use the storefront. */
    static ConsoleLoginFailure notASeller() {
        return new ConsoleLoginFailure("shopper");
    }
}
