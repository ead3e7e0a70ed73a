package dev.astraphe.db.product;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One choice of a product, e.g. 색상 = 블랙, with an optional surcharge in KRW. */
@Entity
@Table(name = "product_options")
public class ProductOption {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "product_id", nullable = false, updatable = false)
    private Long productId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String value;

    @Column(name = "extra_price", nullable = false)
    private long extraPrice;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    protected ProductOption() {
    }

    public ProductOption(Long productId, String name, String value, long extraPrice, int sortOrder) {
        this.productId = productId;
        this.name = name;
        this.value = value;
        this.extraPrice = extraPrice;
        this.sortOrder = sortOrder;
    }

    public void update(String name, String value, long extraPrice, int sortOrder) {
        this.name = name;
        this.value = value;
        this.extraPrice = extraPrice;
        this.sortOrder = sortOrder;
    }

    public Long getId() { return id; }
    public Long getProductId() { return productId; }
    public String getName() { return name; }
    public String getValue() { return value; }
    public long getExtraPrice() { return extraPrice; }
    public int getSortOrder() { return sortOrder; }
}
