package dev.astraphe.console.product;

import dev.astraphe.db.company.ApprovalStatus;

/** Only sellers of an APPROVED company may create products or put them (back) on sale. */
public class SellerNotApprovedException extends RuntimeException {

    private final ApprovalStatus status;

    public SellerNotApprovedException(long companyId, ApprovalStatus status) {
        super("company " + companyId + " is " + status + ", not APPROVED: it cannot publish sales");
        this.status = status;
    }

    public ApprovalStatus status() {
        return status;
    }
}
