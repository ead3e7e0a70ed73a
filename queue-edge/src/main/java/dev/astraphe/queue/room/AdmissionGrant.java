package dev.astraphe.queue.room;

import org.springframework.http.ResponseCookie;

/**
 * What the waiting room needs from the admission feature: the cookie that lets an admitted shopper
 * onto the product page. Implemented by the admission package's issuer (signed ES256 token).
 */
public interface AdmissionGrant {

    /** The cookie of the admission made at {@code admittedAt} (epoch millis): the same each time it is asked for. */
    ResponseCookie grant(long userId, long productId, long admittedAt);
}
