package io.fenqun.segment.segment;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.StringWriter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Streams a segment's current members as CSV, a page at a time, so no export is held whole in memory. */
@ApplicationScoped
public class MemberExport {

    static final int PAGE = 5_000;
    static final List<String> HEADER = List.of(
            "customer_id",
            "entered_at",
            "rfm_segment",
            "lifecycle",
            "value_tier",
            "orders_total",
            "spend_total",
            "last_purchase_at");

    private final SegmentService segments;

    public MemberExport(SegmentService segments) {
        this.segments = segments;
    }

    public Multi<String> csv(UUID segmentId) {
        AtomicReference<UUID> after = new AtomicReference<>(new UUID(0, 0));
        Uni<String> header =
                Panache.withSession(() -> segments.existing(segmentId)).map(found -> format(List.of(HEADER)));
        Multi<String> rows = Multi.createBy()
                .repeating()
                .uni(() -> Panache.withSession(() -> segments.membersAfter(segmentId, after.get(), PAGE)))
                .until(List::isEmpty)
                .map(page -> {
                    after.set(page.get(page.size() - 1).customerId());
                    return format(page.stream().map(MemberExport::cells).toList());
                });
        return Multi.createBy().concatenating().streams(header.toMulti(), rows);
    }

    private static List<String> cells(Member m) {
        return List.of(
                m.customerId().toString(),
                Objects.toString(m.enteredAt(), ""),
                Objects.toString(m.rfmSegment(), ""),
                m.lifecycle(),
                m.valueTier(),
                Integer.toString(m.ordersTotal()),
                m.spendTotal().toPlainString(),
                Objects.toString(m.lastPurchaseAt(), ""));
    }

    private static String format(List<List<String>> records) {
        StringWriter out = new StringWriter();
        CsvWriter csv = CsvWriter.builder().build(out);
        records.forEach(csv::writeRecord);
        return out.toString();
    }
}
