package io.fenqun.segment.report;

import io.fenqun.kit.problem.ProblemException;
import io.fenqun.segment.segment.BuiltInSegments;
import io.fenqun.segment.segment.SegmentService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reports over segments and dimensions, computed in PostgreSQL. */
@ApplicationScoped
public class ReportService {

    static final int MAX_TREND_DAYS = 730;
    static final int MAX_VALUES = 50;

    /** The dimensions of the overview beyond the built-in ones: the customer attributes they group by. */
    private record AttributeDimension(String field, String title, String valueSql, String from) {}

    private static final List<AttributeDimension> ATTRIBUTES = List.of(
            new AttributeDimension("province", "Province", "c.province", ""),
            new AttributeDimension("city", "City", "c.city", ""),
            new AttributeDimension("areaType", "Area type", "c.area_type", ""),
            new AttributeDimension("locality", "Local or remote", "c.locality", ""),
            new AttributeDimension("needs", "Needs", "need", ", unnest(c.needs) AS need"),
            new AttributeDimension("industry", "Industry", "c.industry", ""),
            new AttributeDimension("companySize", "Company size", "c.company_size", ""));

    private final SegmentService segments;
    private final ZoneId businessZone;

    public ReportService(
            SegmentService segments,
            @ConfigProperty(name = "fenqun.business-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.segments = segments;
        this.businessZone = zone;
    }

    @WithSession
    public Uni<SegmentReport> segment(UUID id, int days) {
        if (days < 1 || days > MAX_TREND_DAYS) {
            throw ProblemException.invalidField("days", "must be between 1 and " + MAX_TREND_DAYS);
        }
        LocalDate since = LocalDate.now(businessZone).minusDays(days - 1L);
        return segments.existing(id).flatMap(segment -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        """
                                SELECT count(m.customer_id), (SELECT count(*) FROM customer),
                                       coalesce(sum(f.spend_365d), 0),
                                       (SELECT coalesce(sum(spend_365d), 0) FROM customer_facts),
                                       coalesce(sum(f.orders_365d), 0), avg(f.orders_365d)
                                  FROM customer_segments m JOIN customer_facts f ON f.customer_id = m.customer_id
                                 WHERE m.segment_ids @> ARRAY[CAST(:id AS uuid)]""",
                        Object[].class)
                .setParameter("id", id)
                .getSingleResult()
                .flatMap(now -> s.createNativeQuery(
                                "SELECT day, members, customers, revenue, all_revenue FROM segment_snapshot"
                                        + " WHERE segment_id = :id AND day >= :since ORDER BY day",
                                Object[].class)
                        .setParameter("id", id)
                        .setParameter("since", since)
                        .getResultList()
                        .map(trend -> {
                            long members = number(now[0]).longValue();
                            long customers = number(now[1]).longValue();
                            BigDecimal revenue = decimal(now[2]);
                            BigDecimal orders = decimal(now[4]);
                            return new SegmentReport(
                                    id,
                                    segment.name(),
                                    members,
                                    customers,
                                    ratio(BigDecimal.valueOf(members), BigDecimal.valueOf(customers)),
                                    revenue,
                                    ratio(revenue, decimal(now[3])),
                                    orders.signum() == 0 ? null : revenue.divide(orders, 2, RoundingMode.HALF_UP),
                                    now[5] == null ? null : decimal(now[5]).setScale(2, RoundingMode.HALF_UP),
                                    trend.stream()
                                            .map(row -> new SegmentReport.Day(
                                                    (LocalDate) row[0],
                                                    number(row[1]).intValue(),
                                                    ratio(decimal(row[1]), decimal(row[2])),
                                                    ratio(decimal(row[3]), decimal(row[4]))))
                                            .toList());
                        }))));
    }

    /** Who moved where between the ends of two business days, from the membership history. */
    @WithSession
    public Uni<MigrationMatrix> migration(String dimension, LocalDate from, LocalDate to) {
        if (BuiltInSegments.DIMENSIONS.stream().noneMatch(d -> d.field().equals(dimension))) {
            throw ProblemException.invalidField(
                    "dimension",
                    "must be one of "
                            + BuiltInSegments.DIMENSIONS.stream()
                                    .map(BuiltInSegments.Dimension::field)
                                    .toList());
        }
        if (from == null || to == null) {
            throw ProblemException.invalidField(from == null ? "from" : "to", "is required (yyyy-MM-dd)");
        }
        if (!from.isBefore(to)) {
            throw ProblemException.invalidField("from", "must be before to");
        }
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                """
                                WITH a AS (SELECT m.customer_id, s.dimension_value AS v FROM membership m
                                             JOIN segment s ON s.id = m.segment_id
                                            WHERE s.dimension = :dimension AND m.entered_at <= :t1
                                              AND (m.exited_at IS NULL OR m.exited_at > :t1)),
                                     b AS (SELECT m.customer_id, s.dimension_value AS v FROM membership m
                                             JOIN segment s ON s.id = m.segment_id
                                            WHERE s.dimension = :dimension AND m.entered_at <= :t2
                                              AND (m.exited_at IS NULL OR m.exited_at > :t2))
                                SELECT coalesce(a.v, :none), coalesce(b.v, :none), count(*)
                                  FROM a FULL JOIN b ON a.customer_id = b.customer_id
                                 GROUP BY 1, 2 ORDER BY 1, 2""",
                                Object[].class)
                        .setParameter("dimension", dimension)
                        .setParameter("t1", endOf(from))
                        .setParameter("t2", endOf(to))
                        .setParameter("none", MigrationMatrix.NONE)
                        .getResultList())
                .map(rows -> {
                    Set<String> values = new LinkedHashSet<>(
                            BuiltInSegments.dimension(dimension).values());
                    List<MigrationMatrix.Cell> cells = new ArrayList<>();
                    for (Object[] row : rows) {
                        cells.add(new MigrationMatrix.Cell(
                                (String) row[0], (String) row[1], number(row[2]).longValue()));
                        values.add((String) row[0]);
                        values.add((String) row[1]);
                    }
                    return new MigrationMatrix(dimension, from, to, List.copyOf(values), cells);
                });
    }

    @WithSession
    public Uni<DimensionOverview> overview() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "SELECT count(*), coalesce(sum(spend_365d), 0) FROM customer_facts", Object[].class)
                .getSingleResult()
                .flatMap(totals -> {
                    long customers = number(totals[0]).longValue();
                    BigDecimal revenue = decimal(totals[1]);
                    Uni<List<DimensionOverview.Dimension>> chain =
                            Uni.createFrom().item(new ArrayList<>());
                    for (BuiltInSegments.Dimension d : BuiltInSegments.DIMENSIONS) {
                        String column = "f." + snakeCase(d.field());
                        chain = add(chain, s, d.field(), d.title(), true, column, "", customers, revenue);
                    }
                    for (AttributeDimension a : ATTRIBUTES) {
                        chain = add(chain, s, a.field(), a.title(), false, a.valueSql(), a.from(), customers, revenue);
                    }
                    return chain.map(dimensions -> new DimensionOverview(customers, revenue, dimensions));
                }));
    }

    private Uni<List<DimensionOverview.Dimension>> add(
            Uni<List<DimensionOverview.Dimension>> chain,
            org.hibernate.reactive.mutiny.Mutiny.Session s,
            String field,
            String title,
            boolean builtIn,
            String valueSql,
            String from,
            long customers,
            BigDecimal revenue) {
        // valueSql and from are constants of this class, never request input.
        String sql = "SELECT " + valueSql + ", count(*), coalesce(sum(f.spend_365d), 0)"
                + " FROM customer c JOIN customer_facts f ON f.customer_id = c.id" + from
                + " WHERE " + valueSql + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + MAX_VALUES;
        return chain.flatMap(
                list -> s.createNativeQuery(sql, Object[].class).getResultList().map(rows -> {
                    list.add(new DimensionOverview.Dimension(
                            field,
                            title,
                            builtIn,
                            rows.stream()
                                    .map(row -> new DimensionOverview.Value(
                                            (String) row[0],
                                            number(row[1]).longValue(),
                                            ratio(decimal(row[1]), BigDecimal.valueOf(customers)),
                                            ratio(decimal(row[2]), revenue)))
                                    .toList()));
                    return list;
                }));
    }

    private OffsetDateTime endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(businessZone).toOffsetDateTime();
    }

    private static String snakeCase(String field) {
        return field.replaceAll("([A-Z])", "_$1").toLowerCase();
    }

    private static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        return whole == null || whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
    }

    private static Number number(Object value) {
        return (Number) value;
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }
}
