package dev.astraphe.shared.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Failed logins tolerated per e-mail within the window before further attempts are refused; the same in every app. */
@Validated
@ConfigurationProperties("astraphe.login")
public record LoginProperties(@Min(1) @DefaultValue("5") int maxFailures, @NotNull @DefaultValue("15m") Duration window) {
}
