package dev.astraphe.console.product;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often publications that did not reach Kafka (broker down, app killed between commit and send) are sent
 * again, and how old they must be so that sends still in flight are left alone.
 */
@ConfigurationProperties("astraphe.outbox")
record OutboxProperties(
        @DefaultValue("30s") Duration resubmitEvery,
        @DefaultValue("1m") Duration resubmitOlderThan) {
}
