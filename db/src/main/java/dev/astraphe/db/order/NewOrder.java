package dev.astraphe.db.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a shopper asks to buy with one admission. The fingerprint hashes the content, so that a retry with the
 * same idempotency key can be told apart from a different request reusing the key.
 */
public record NewOrder(
        Long shopperId,
        Long productId,
        Long optionId,
        int quantity,
        long unitPrice,
        DeliveryAddress address,
        String admissionId,
        String idempotencyKey) {

    public long amount() {
        return Math.multiplyExact(unitPrice, quantity);
    }

    public String fingerprint() {
        String content = String.join("\u001f", String.valueOf(productId), String.valueOf(optionId),
                String.valueOf(quantity), String.valueOf(unitPrice), address.recipientName(), address.recipientPhone(),
                address.postalCode(), address.line1(), String.valueOf(address.line2()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
