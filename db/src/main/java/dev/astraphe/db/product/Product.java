package dev.astraphe.db.product;

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

/**
 * A product on a timed sale. {@code unitsHeld} counts RESERVED + PAYING + PAID units; the schema refuses
 * {@code unitsHeld > totalStock}, so available stock never goes negative.
 */
@Entity
@Table(name = "products")
public class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private Long companyId;

    @Column(name = "category_id", nullable = false)
    private Long categoryId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description = "";

    @Column(name = "list_price")
    private Long listPrice;

    @Column(name = "sale_price", nullable = false)
    private long salePrice;

    @Column(name = "total_stock", nullable = false)
    private int totalStock;

    @Column(name = "units_held", nullable = false)
    private int unitsHeld;

    @Column(name = "per_shopper_limit", nullable = false)
    private int perShopperLimit;

    @Column(name = "main_image_key")
    private String mainImageKey;

    @Column(name = "description_image_key")
    private String descriptionImageKey;

    @Column(name = "sale_starts_at", nullable = false)
    private Instant saleStartsAt;

    @Column(name = "sale_ends_at")
    private Instant saleEndsAt;

    @Column(name = "admission_batch_size", nullable = false)
    private int admissionBatchSize;

    @Column(name = "admission_interval_seconds", nullable = false)
    private int admissionIntervalSeconds;

    @Column(name = "admission_delay_seconds", nullable = false)
    private int admissionDelaySeconds;

    @Column(nullable = false)
    private boolean hidden;

    @Enumerated(EnumType.STRING)
    @Column(name = "sale_status", nullable = false)
    private SaleStatus saleStatus = SaleStatus.SCHEDULED;

    /** Bumped on every change the waiting room must learn about; consumers ignore older versions. */
    @Column(name = "schedule_version", nullable = false)
    private long scheduleVersion;

    /** Bumped on every stock change, so late sold-out / stock-back events can be ignored. */
    @Column(name = "stock_version", nullable = false)
    private long stockVersion;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    @Column(name = "created_by", updatable = false)
    private Long createdBy;

    @Column(name = "updated_by")
    private Long updatedBy;

    @Version
    private long version;

    protected Product() {
    }

    public Product(Long companyId, ProductDetails details, int totalStock, SaleSchedule schedule, Long createdBy) {
        this.companyId = companyId;
        this.totalStock = totalStock;
        this.createdBy = createdBy;
        this.updatedBy = createdBy;
        applyDetails(details);
        applySchedule(schedule);
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public void edit(ProductDetails details, Long editor) {
        applyDetails(details);
        changed(editor);
    }

    /**
     * A new schedule. A stopped sale is over: moving its start sells the product again, as a new sale (the waiting
     * room starts afresh for it too), so it is scheduled again; keeping its start keeps it stopped.
     */
    public void reschedule(SaleSchedule schedule, Long editor) {
        if (saleStatus == SaleStatus.STOPPED && !schedule.startsAt().equals(saleStartsAt)) {
            saleStatus = SaleStatus.SCHEDULED;
        }
        applySchedule(schedule);
        changed(editor);
    }

    public void changeImages(String mainImageKey, String descriptionImageKey, Long editor) {
        this.mainImageKey = mainImageKey;
        this.descriptionImageKey = descriptionImageKey;
        this.updatedBy = editor;
    }

    public void hide(Long editor) {
        this.hidden = true;
        changed(editor);
    }

    public void show(Long editor) {
        this.hidden = false;
        changed(editor);
    }

    public void changeSaleStatus(SaleStatus status, Long editor) {
        if (saleStatus == SaleStatus.CANCELLED && status != SaleStatus.CANCELLED) {
            throw new IllegalStateException("a cancelled sale stays cancelled");
        }
        this.saleStatus = status;
        changed(editor);
    }

    /** Holds units for an order; refuses to hold more than is available. */
    public void hold(int units) {
        if (units <= 0 || units > availableStock()) {
            throw new IllegalStateException("cannot hold " + units + " of " + availableStock() + " available");
        }
        unitsHeld += units;
        stockVersion++;
    }

    /** Returns units of an expired, cancelled or refunded order. */
    public void release(int units) {
        if (units <= 0 || units > unitsHeld) {
            throw new IllegalStateException("cannot release " + units + " of " + unitsHeld + " held");
        }
        unitsHeld -= units;
        stockVersion++;
    }

    /** A stock edit during a sale is a delta and can never go below the units already held. */
    public void adjustStock(int delta, Long editor) {
        int next = totalStock + delta;
        if (next < unitsHeld) {
            throw new IllegalStateException("total stock " + next + " would be below " + unitsHeld + " held");
        }
        totalStock = next;
        stockVersion++;
        changed(editor);
    }

    public int availableStock() {
        return totalStock - unitsHeld;
    }

    public boolean isSoldOut() {
        return availableStock() == 0;
    }

    public SaleSchedule schedule() {
        return new SaleSchedule(saleStartsAt, saleEndsAt, admissionBatchSize, admissionIntervalSeconds, admissionDelaySeconds);
    }

    public ProductDetails details() {
        return new ProductDetails(categoryId, name, description, listPrice, salePrice, perShopperLimit);
    }

    private void applyDetails(ProductDetails details) {
        this.categoryId = details.categoryId();
        this.name = details.name();
        this.description = details.description() == null ? "" : details.description();
        this.listPrice = details.listPrice();
        this.salePrice = details.salePrice();
        this.perShopperLimit = details.perShopperLimit();
    }

    private void applySchedule(SaleSchedule schedule) {
        this.saleStartsAt = schedule.startsAt();
        this.saleEndsAt = schedule.endsAt();
        this.admissionBatchSize = schedule.admissionBatchSize();
        this.admissionIntervalSeconds = schedule.admissionIntervalSeconds();
        this.admissionDelaySeconds = schedule.admissionDelaySeconds();
    }

    private void changed(Long editor) {
        this.updatedBy = editor;
        this.scheduleVersion++;
    }

    public Long getId() { return id; }
    public Long getCompanyId() { return companyId; }
    public Long getCategoryId() { return categoryId; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public Long getListPrice() { return listPrice; }
    public long getSalePrice() { return salePrice; }
    public int getTotalStock() { return totalStock; }
    public int getUnitsHeld() { return unitsHeld; }
    public int getPerShopperLimit() { return perShopperLimit; }
    public String getMainImageKey() { return mainImageKey; }
    public String getDescriptionImageKey() { return descriptionImageKey; }
    public Instant getSaleStartsAt() { return saleStartsAt; }
    public Instant getSaleEndsAt() { return saleEndsAt; }
    public int getAdmissionBatchSize() { return admissionBatchSize; }
    public int getAdmissionIntervalSeconds() { return admissionIntervalSeconds; }
    public int getAdmissionDelaySeconds() { return admissionDelaySeconds; }
    public boolean isHidden() { return hidden; }
    public SaleStatus getSaleStatus() { return saleStatus; }
    public long getScheduleVersion() { return scheduleVersion; }
    public long getStockVersion() { return stockVersion; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Long getCreatedBy() { return createdBy; }
    public Long getUpdatedBy() { return updatedBy; }
}
