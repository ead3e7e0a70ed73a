package dev.astraphe.queue.schedule;

/**
 * A product's schedule in Redis changed (this instance applied a change read from the topic; every instance reads
 * every change): whatever an instance keeps of the product's sale is to be read again now, not at its own pace.
 */
public record SaleScheduleApplied(long productId) {
}
