package dev.astraphe.console.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** How many failed console logins per e-mail are tolerated within the window before further attempts are refused. */
@Validated
@ConfigurationProperties("astraphe.login-throttle")
record LoginThrottleProperties(@Min(1) @DefaultValue("5") int maxFailures, @NotNull @DefaultValue("15m") Duration window) {
}
