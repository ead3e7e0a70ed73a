package dev.astraphe.storefront.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The image store did not answer, or refused: the shopper gets a "try again later" page, the log the cause. */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
class ImageStoreUnavailableException extends RuntimeException {

    ImageStoreUnavailableException(String key, Throwable cause) {
        super("image store unavailable for " + key, cause);
    }
}
