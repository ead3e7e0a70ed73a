package dev.astraphe.storefront.admission;

import java.time.Instant;

/** A checked admission of this shopper for this product; {@code admissionId} is what an order stores uniquely. */
public record VerifiedAdmission(String admissionId, long userId, long productId, Instant issuedAt, Instant expiresAt) {
}
