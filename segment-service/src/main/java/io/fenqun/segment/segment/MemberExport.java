package io.fenqun.segment.segment;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** A segment's current members as CSV. */
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
    private static final String PAGE_SQL = Member.pageQuery("$1", "$2", PAGE);

    private final SegmentService segments;
    /** The plain reactive client: a streamed response has no Hibernate session to lean on. */
    private final Pool pool;

    public MemberExport(SegmentService segments, Pool pool) {
        this.segments = segments;
        this.pool = pool;
    }

    /**
     * The whole export, read a page at a time over the plain reactive client. A 404 problem for an
     * unknown segment comes first.
     */
    public Uni<String> csv(UUID segmentId) {
        AtomicReference<UUID> after = new AtomicReference<>(new UUID(0, 0));
        StringBuilder csv = new StringBuilder(format(List.of(HEADER)));
        return Panache.withSession(() -> segments.existing(segmentId))
                .flatMap(found -> Multi.createBy()
                        .repeating()
                        .uni(() -> pool.preparedQuery(PAGE_SQL)
                                .execute(Tuple.of(segmentId, after.get()))
                                .map(MemberExport::members))
                        .until(List::isEmpty)
                        .onItem()
                        .invoke(page -> {
                            after.set(page.get(page.size() - 1).customerId());
                            csv.append(format(
                                    page.stream().map(MemberExport::cells).toList()));
                        })
                        .collect()
                        .last())
                .map(done -> csv.toString());
    }

    private static List<Member> members(RowSet<Row> rows) {
        List<Member> page = new ArrayList<>();
        for (Row row : rows) {
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                Object value = row.getValue(i);
                values[i] = value instanceof Numeric numeric ? numeric.bigDecimalValue() : value;
            }
            page.add(Member.of(values));
        }
        return page;
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
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            records.forEach(csv::writeRecord);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
