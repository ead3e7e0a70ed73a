package dev.astraphe.storefront.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Password-guessing limits: after {@code maxFailures} failures for one e-mail, logins wait out {@code window}. */
@Validated
@ConfigurationProperties("astraphe.login")
record LoginProperties(@Min(1) Integer maxFailures, @NotNull Duration window) {

    LoginProperties {
        maxFailures = maxFailures == null ? 5 : maxFailures;
        window = window == null ? Duration.ofMinutes(15) : window;
    }
}
