package dev.astraphe.console.product;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Modulith 2.0 resubmits outstanding publications on restart only; a broker outage while the app keeps running
 * would otherwise leave schedule events unsent until the next deploy. Consumers ignore versions they already
 * have, so an occasional double send is harmless.
 */
@Component
class OutboxResubmitter {

    private static final Logger log = LoggerFactory.getLogger(OutboxResubmitter.class);

    private final IncompleteEventPublications publications;
    private final OutboxProperties properties;

    OutboxResubmitter(IncompleteEventPublications publications, OutboxProperties properties) {
        this.publications = publications;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${astraphe.outbox.resubmit-every:30s}",
               initialDelayString = "${astraphe.outbox.resubmit-every:30s}")
    void resubmit() {
        try {
            publications.resubmitIncompletePublicationsOlderThan(properties.resubmitOlderThan());
        } catch (RuntimeException e) {
            log.warn("resubmitting outstanding event publications failed; next attempt in {}",
                    properties.resubmitEvery(), e);
        }
    }
}
