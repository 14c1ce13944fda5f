package io.fenqun.profile.order;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A purchase by a customer, with its line items. */
@Entity
@Table(name = "customer_order")
public class CustomerOrder {

    public enum Status {
        PAID,
        REFUNDED,
        CANCELLED
    }

    /** One line of an order; lines are numbered from 0 in the order given. */
    @Embeddable
    public static class Item {
        public String sku;
        public String name;
        public String category;
        public BigDecimal quantity;

        @Column(name = "unit_price")
        public BigDecimal unitPrice;
    }

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "external_source")
    public String externalSource;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "ordered_at")
    public OffsetDateTime orderedAt;

    public String channel;
    public String store;
    public String currency;
    public BigDecimal total;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "coupon_code")
    public String couponCode;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_item", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    public List<Item> items = new ArrayList<>();

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
