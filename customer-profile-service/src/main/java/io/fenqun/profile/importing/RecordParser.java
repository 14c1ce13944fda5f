package io.fenqun.profile.importing;

import io.fenqun.profile.customer.ContactNormalizer;
import io.fenqun.profile.order.OrderRules;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns file rows into valid records or row errors, and catches rows that repeat a key within
 * the same file (the second one is reported: merging them silently would hide a data problem).
 */
public final class RecordParser {

    /** A parsed row: the record, or the errors that kept it out. */
    public record Parsed<T>(T record, List<RowError> errors) {}

    private final ColumnMapping mapping;
    private final ContactNormalizer contacts;
    private final String defaultSource;
    private final ZoneId businessZone;
    private final Map<String, Long> seenKeys = new HashMap<>();

    public RecordParser(ColumnMapping mapping, ContactNormalizer contacts, String defaultSource, ZoneId businessZone) {
        this.mapping = mapping;
        this.contacts = contacts;
        this.defaultSource = defaultSource;
        this.businessZone = businessZone;
    }

    public Parsed<CustomerRecord> customer(SourceRow row) {
        if (row.unreadable() != null) {
            return new Parsed<>(null, List.of(new RowError(row.number(), RowError.WHOLE_ROW, row.unreadable())));
        }
        CellReader cells = new CellReader(row.number(), mapping.fieldsOf(row.cells()));
        String source = orDefault(cells.text("source", 50));
        String externalId = cells.text("externalId", 100);
        String kind = cells.choice("kind", Vocabulary.KIND);
        CustomerRecord record = new CustomerRecord(
                row.number(),
                source,
                externalId,
                kind,
                cells.required("name", 200),
                cells.choice("gender", Vocabulary.GENDER),
                cells.date("birthDate"),
                cells.phone("phone", contacts),
                cells.email("email", contacts),
                cells.text("province", 50),
                cells.text("city", 50),
                cells.text("district", 50),
                cells.text("address", 300),
                cells.choice("areaType", Vocabulary.AREA_TYPE),
                cells.choice("locality", Vocabulary.LOCALITY),
                cells.text("industry", 100),
                cells.choice("companySize", Vocabulary.COMPANY_SIZE),
                cells.list("needs", Vocabulary.NEED, 10),
                cells.list("preferredCategories", null, 50),
                cells.list("preferredChannels", Vocabulary.CHANNEL, 10),
                cells.list("tags", null, 50),
                cells.text("ownerId", 100),
                cells.text("membershipTier", 40));
        List<RowError> errors = new ArrayList<>(cells.errors());
        if (errors.isEmpty()) {
            List<String> keys = new ArrayList<>();
            if (externalId != null) {
                keys.add("x:" + source + "/" + externalId);
            }
            if (record.phone() != null) {
                keys.add("p:" + record.phone());
            }
            checkRepeats(row.number(), keys, errors);
        }
        return new Parsed<>(errors.isEmpty() ? record : null, errors);
    }

    public Parsed<OrderRecord> order(SourceRow row) {
        if (row.unreadable() != null) {
            return new Parsed<>(null, List.of(new RowError(row.number(), RowError.WHOLE_ROW, row.unreadable())));
        }
        CellReader cells = new CellReader(row.number(), mapping.fieldsOf(row.cells()));
        String currency = cells.text("currency", 3);
        String status = cells.choice("status", Vocabulary.ORDER_STATUS);
        BigDecimal quantity = cells.decimal("quantity", BigDecimal.ZERO, false, 3);
        BigDecimal unitPrice = cells.decimal("unitPrice", BigDecimal.ZERO, true, 2);
        OrderRecord record = new OrderRecord(
                row.number(),
                orDefault(cells.text("source", 50)),
                cells.required("orderId", 100),
                cells.text("customerExternalId", 100),
                cells.phone("customerPhone", contacts),
                cells.instant("orderedAt", businessZone),
                cells.decimal("total", BigDecimal.ZERO, true, 2),
                currency,
                cells.text("channel", 40),
                cells.text("store", 100),
                status == null ? "PAID" : status,
                cells.text("sku", 100),
                cells.text("itemName", 200),
                cells.text("category", 100),
                quantity,
                unitPrice,
                cells.text("couponCode", 60));
        List<RowError> errors = new ArrayList<>(cells.errors());
        if (record.orderedAt() == null
                && errors.stream().noneMatch(e -> e.column().contains("时间"))) {
            requireField(errors, row, "orderedAt");
        }
        if (record.customerExternalId() == null && record.customerPhone() == null && errors.isEmpty()) {
            errors.add(new RowError(row.number(), RowError.WHOLE_ROW, "names no customer (customer id or phone)"));
        }
        if (record.sku() == null && record.total() == null && errors.isEmpty()) {
            errors.add(new RowError(row.number(), RowError.WHOLE_ROW, "has neither a total nor an item"));
        }
        if (record.sku() != null && (quantity == null || unitPrice == null) && errors.isEmpty()) {
            errors.add(new RowError(row.number(), RowError.WHOLE_ROW, "an item needs a quantity and a unit price"));
        }
        if (currency != null && errors.isEmpty()) {
            try {
                OrderRules.currency(currency.toUpperCase());
            } catch (RuntimeException e) {
                errors.add(new RowError(row.number(), headerOf(row, "currency"), "is not an ISO 4217 currency"));
            }
        }
        return new Parsed<>(errors.isEmpty() ? record : null, errors);
    }

    private void requireField(List<RowError> errors, SourceRow row, String field) {
        errors.add(new RowError(row.number(), headerOf(row, field), "is required"));
    }

    private String headerOf(SourceRow row, String field) {
        ColumnMapping.Cell cell = mapping.fieldsOf(row.cells()).get(field);
        return cell == null ? field : cell.header();
    }

    private void checkRepeats(long row, List<String> keys, List<RowError> errors) {
        for (String key : keys) {
            Long first = seenKeys.get(key);
            if (first != null) {
                errors.add(new RowError(row, RowError.WHOLE_ROW, "repeats the customer of row " + first));
                return;
            }
        }
        keys.forEach(key -> seenKeys.put(key, row));
    }

    private String orDefault(String source) {
        return source == null ? defaultSource : source;
    }
}
