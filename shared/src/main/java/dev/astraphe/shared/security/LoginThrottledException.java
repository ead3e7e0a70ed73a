package dev.astraphe.shared.security;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins for this e-mail: refused without looking at the password. */
public class LoginThrottledException extends AuthenticationException {

    public LoginThrottledException() {
        super("too many failed logins");
    }
}
