package dev.astraphe.db.order;

/** Where an order goes; copied onto the order so later address edits do not change it. */
public record DeliveryAddress(String recipientName, String recipientPhone, String postalCode, String line1, String line2) {
}
