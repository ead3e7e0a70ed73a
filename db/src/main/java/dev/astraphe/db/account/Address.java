package dev.astraphe.db.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;

/** A shopper's delivery address. At most one per account is the default (a partial unique index). */
@Entity
@Table(name = "addresses")
public class Address {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private Long accountId;

    @Column(nullable = false)
    private String label;

    @Column(nullable = false)
    private String recipient;

    @Column(nullable = false)
    private String phone;

    @Column(name = "postal_code", nullable = false)
    private String postalCode;

    @Column(nullable = false)
    private String line1;

    @Column(nullable = false)
    private String line2 = "";

    @Column(name = "is_default", nullable = false)
    private boolean defaultAddress;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected Address() {
    }

    public Address(Long accountId, String label, String recipient, String phone, String postalCode, String line1, String line2) {
        this.accountId = accountId;
        update(label, recipient, phone, postalCode, line1, line2);
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public final void update(String label, String recipient, String phone, String postalCode, String line1, String line2) {
        this.label = label;
        this.recipient = recipient;
        this.phone = phone;
        this.postalCode = postalCode;
        this.line1 = line1;
        this.line2 = line2 == null ? "" : line2;
    }

    public void setDefaultAddress(boolean defaultAddress) {
        this.defaultAddress = defaultAddress;
    }

    public Long getId() { return id; }
    public Long getAccountId() { return accountId; }
    public String getLabel() { return label; }
    public String getRecipient() { return recipient; }
    public String getPhone() { return phone; }
    public String getPostalCode() { return postalCode; }
    public String getLine1() { return line1; }
    public String getLine2() { return line2; }
    public boolean isDefaultAddress() { return defaultAddress; }
    public Instant getCreatedAt() { return createdAt; }
}
