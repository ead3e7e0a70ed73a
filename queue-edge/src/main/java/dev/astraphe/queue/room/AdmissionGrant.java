package dev.astraphe.queue.room;

import org.springframework.http.ResponseCookie;

/**
 * What the waiting room needs from the admission feature: the cookie that lets an admitted shopper
 * onto the product page. Implemented by the admission package's issuer (signed ES256 token).
 */
public interface AdmissionGrant {

    ResponseCookie grant(long userId, long productId);
}
