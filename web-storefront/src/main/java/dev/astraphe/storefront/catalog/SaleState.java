package dev.astraphe.storefront.catalog;

/** What a shopper can do with a product right now; follows from the clock, the stock and the seller's decisions. */
public enum SaleState {
    UPCOMING,
    LIVE,
    SOLD_OUT,
    ENDED
}
