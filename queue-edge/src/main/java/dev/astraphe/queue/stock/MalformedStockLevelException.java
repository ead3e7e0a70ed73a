package dev.astraphe.queue.stock;

/** A record that parsed as JSON but cannot be a stock level; retrying will not help, so it goes to the dead-letter topic. */
class MalformedStockLevelException extends RuntimeException {

    MalformedStockLevelException(String message) {
        super(message);
    }
}
