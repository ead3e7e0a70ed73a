package dev.astraphe.db.company;

/** A seller's company can publish only once an admin has approved it. */
public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED
}
