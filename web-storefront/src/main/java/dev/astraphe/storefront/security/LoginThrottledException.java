package dev.astraphe.storefront.security;

import org.springframework.security.core.AuthenticationException;

/** Too many recent failures for this e-mail: refused before the password is even looked at. */
class LoginThrottledException extends AuthenticationException {

    LoginThrottledException() {
        super("too many failed logins");
    }
}
