package dev.astraphe.db.company;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "companies")
public class Company {

    /** The column's width: the longest reason an admin may give. */
    public static final int REJECTION_REASON_MAX = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "business_number", nullable = false)
    private String businessNumber;

    @Column(nullable = false)
    private String description = "";

    @Column(nullable = false)
    private String address = "";

    @Enumerated(EnumType.STRING)
    @Column(name = "approval_status", nullable = false)
    private ApprovalStatus approvalStatus = ApprovalStatus.PENDING;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decided_by")
    private Long decidedBy;

    /** Why an admin rejected it, for the seller; only a rejected company has one. */
    @Column(name = "rejection_reason", length = REJECTION_REASON_MAX)
    private String rejectionReason;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    @Version
    private long version;

    protected Company() {
    }

    public Company(String name, String businessNumber, String description, String address) {
        this.name = name;
        this.businessNumber = businessNumber;
        this.description = description == null ? "" : description;
        this.address = address == null ? "" : address;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public boolean isApproved() {
        return approvalStatus == ApprovalStatus.APPROVED;
    }

    public void decide(ApprovalStatus status, Long adminId, Instant now) {
        decide(status, adminId, now, null);
    }

    /** As {@link #decide(ApprovalStatus, Long, Instant)}; a rejection may say why (blank: no reason given). */
    public void decide(ApprovalStatus status, Long adminId, Instant now, String reason) {
        this.approvalStatus = status;
        this.decidedBy = adminId;
        this.decidedAt = now;
        this.rejectionReason = status == ApprovalStatus.REJECTED && reason != null && !reason.isBlank() ? reason.strip() : null;
    }

    /**
     * A rejected company's corrected details, sent for review again: pending once more, the last decision cleared (the
     * audit log keeps it). Only a rejected company applies again; an approved one is not reviewed anew.
     */
    public void reapply(String name, String businessNumber, String description, String address) {
        if (approvalStatus != ApprovalStatus.REJECTED) {
            throw new IllegalStateException("only a rejected company applies again, not a " + approvalStatus + " one");
        }
        this.name = name;
        this.businessNumber = businessNumber;
        this.description = description == null ? "" : description;
        this.address = address == null ? "" : address;
        this.approvalStatus = ApprovalStatus.PENDING;
        this.decidedBy = null;
        this.decidedAt = null;
        this.rejectionReason = null;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getBusinessNumber() { return businessNumber; }
    public String getDescription() { return description; }
    public String getAddress() { return address; }
    public ApprovalStatus getApprovalStatus() { return approvalStatus; }
    public Instant getDecidedAt() { return decidedAt; }
    public Long getDecidedBy() { return decidedBy; }
    public String getRejectionReason() { return rejectionReason; }
    /** Changes with every write: a decision made on a page names the version it showed. */
    public long getVersion() { return version; }
    public Instant getCreatedAt() { return createdAt; }
}
