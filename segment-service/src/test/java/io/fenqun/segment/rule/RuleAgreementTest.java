package io.fenqun.segment.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.flywaydb.core.Flyway;

/**
 * Random rules over random customers: the SQL the compiler makes selects exactly the customers the
 * in-memory evaluator accepts, on a real PostgreSQL with the service's own schema.
 */
class RuleAgreementTest {

    static final FieldCatalogue CATALOGUE = FieldCatalogue.standard();
    static final Instant NOW = Instant.parse("2026-11-20T08:30:00.123456Z");
    static final int CUSTOMERS = 300;
    static final List<String> TEXTS = List.of("杭州", "上海", "north", "North", "张三", "a'b; DROP TABLE customer; --");

    static EmbeddedPostgres postgres;
    static Connection db;
    static List<UUID> segments = new ArrayList<>();
    static Map<UUID, Set<UUID>> membershipsByCustomer = new HashMap<>();
    static List<CustomerFacts> customers = new ArrayList<>();

    @BeforeContainer
    static void createCustomers() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure()
                .dataSource(postgres.getPostgresDatabase())
                .locations("classpath:db/kit", "classpath:db/migration")
                .load()
                .migrate();
        db = postgres.getPostgresDatabase().getConnection();
        Random random = new Random(42);
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            segments.add(id);
            execute("INSERT INTO segment (id, name, kind, rule) VALUES (?, ?, 'CUSTOM', '{}'::jsonb)", id, "s" + i);
        }
        for (int i = 0; i < CUSTOMERS; i++) {
            insertCustomer(random);
        }
        try (PreparedStatement select = db.prepareStatement(FactsQuery.select(CATALOGUE, "TIMESTAMPTZ '" + NOW + "'"));
                ResultSet rows = select.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Object[] row = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = rows.getObject(c + 1);
                }
                customers.add(FactsQuery.fromRow(CATALOGUE, row));
            }
        }
    }

    @AfterContainer
    static void stop() throws Exception {
        db.close();
        postgres.close();
    }

    @Property(tries = 300)
    void sqlAndMemoryAgree(@ForAll("rules") Rule rule) throws SQLException {
        SqlCondition condition = SqlCompiler.compile(rule, NOW, 1);
        Set<UUID> bySql = new HashSet<>();
        try (PreparedStatement query =
                db.prepareStatement("SELECT c.id FROM customer c JOIN customer_facts f ON f.customer_id = c.id WHERE "
                        + condition.jdbcSql())) {
            for (int i = 0; i < condition.parameters().size(); i++) {
                query.setObject(i + 1, condition.parameters().get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    bySql.add((UUID) rows.getObject(1));
                }
            }
        }
        Set<UUID> inMemory = new HashSet<>();
        for (CustomerFacts customer : customers) {
            if (RuleEvaluator.matches(
                    rule, customer, membershipsByCustomer.getOrDefault(customer.customerId(), Set.of()), NOW)) {
                inMemory.add(customer.customerId());
            }
        }
        assertEquals(inMemory, bySql, () -> "rule " + rule.toJson() + " with SQL " + condition.sql());
    }

    @Provide
    Arbitrary<Rule> rules() {
        return rule(3);
    }

    private Arbitrary<Rule> rule(int depth) {
        Arbitrary<Rule> leaf = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, condition()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(segments).map(Rule.InSegment::new)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Rule> inner = Arbitraries.lazy(() -> rule(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(2, inner.list().ofMinSize(1).ofMaxSize(3).map(Rule.All::new)),
                net.jqwik.api.Tuple.of(2, inner.list().ofMinSize(1).ofMaxSize(3).map(Rule.Any::new)),
                net.jqwik.api.Tuple.of(1, inner.map(Rule.Not::new)));
    }

    private Arbitrary<Rule> condition() {
        return Arbitraries.of(CATALOGUE.fields()).flatMap(field -> Arbitraries.of(field.operators())
                .flatMap(op -> values(field, op).map(values -> (Rule) new Rule.Condition(field, op, values))));
    }

    private Arbitrary<List<Object>> values(Field field, Operator op) {
        return switch (op.arity) {
            case NONE -> Arbitraries.just(List.of());
            case ONE -> value(field).map(List::of);
            case DAYS -> Arbitraries.of(0L, 1L, 7L, 30L, 90L, 365L, 1000L).map(List::of);
            case LIST -> value(field).list().ofMinSize(1).ofMaxSize(3).map(List::<Object>copyOf);
            case TWO -> value(field).list().ofSize(2).map(pair -> {
                List<Object> sorted = new ArrayList<>(pair);
                sorted.sort(Values::compare);
                return sorted;
            });
        };
    }

    /** Values drawn from the same small pools as the customers, so conditions are often true. */
    private Arbitrary<Object> value(Field field) {
        return switch (field.type()) {
            case TEXT, TEXT_LIST -> field.allowedValues().isEmpty()
                    ? Arbitraries.of(TEXTS).map(Object.class::cast)
                    : Arbitraries.of(field.allowedValues()).map(Object.class::cast);
            case ENUM -> Arbitraries.of(field.allowedValues()).map(Object.class::cast);
            case INTEGER -> Arbitraries.longs().between(-1, 12).map(Object.class::cast);
            case DECIMAL -> Arbitraries.of("0", "0.5", "0.50", "1", "99.99", "100", "1000.00")
                    .map(BigDecimal::new)
                    .map(Object.class::cast);
            case TIMESTAMP -> Arbitraries.of(0L, 1L, 7L, 30L, 90L, 400L)
                    .map(days -> (Object) NOW.minus(days, ChronoUnit.DAYS));
            case DATE -> Arbitraries.of(LocalDate.of(1980, 1, 1), LocalDate.of(1990, 6, 15), LocalDate.of(2000, 2, 29))
                    .map(Object.class::cast);
        };
    }

    private static void insertCustomer(Random random) throws SQLException {
        UUID id = UUID.randomUUID();
        execute(
                "INSERT INTO customer (id, kind, gender, birth_date, province, city, area_type, needs, tags, owner_id,"
                        + " points_balance, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[],"
                        + " ?, ?, ?, ?)",
                id,
                pick(random, List.of("PERSON", "COMPANY")),
                maybe(random, pick(random, List.of("MALE", "FEMALE", "OTHER", "UNKNOWN"))),
                maybe(random, pick(random, List.of(LocalDate.of(1980, 1, 1), LocalDate.of(1990, 6, 15)))),
                maybe(random, pick(random, TEXTS)),
                maybe(random, pick(random, TEXTS)),
                maybe(random, pick(random, List.of("URBAN", "SUBURBAN", "RURAL"))),
                array(random, List.of("GIFT", "DAILY", "WEARING")),
                array(random, TEXTS),
                maybe(random, pick(random, TEXTS)),
                (long) random.nextInt(14) - 1,
                timestamp(random),
                timestamp(random));
        boolean bought = random.nextBoolean();
        execute(
                "INSERT INTO customer_facts (customer_id, first_purchase_at, last_purchase_at,"
                        + " orders_total, spend_total, average_order_value, weekend_share, top_category,"
                        + " frequency_tier, r_score, rfm_segment, lifecycle, value_tier)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                bought ? timestamp(random) : null,
                bought ? timestamp(random) : null,
                random.nextInt(14),
                pick(random, List.of(new BigDecimal("0"), new BigDecimal("0.50"), new BigDecimal("100.00"))),
                bought ? pick(random, List.of(new BigDecimal("99.99"), new BigDecimal("1000.00"))) : null,
                bought ? new BigDecimal("0.5000") : null,
                maybe(random, pick(random, TEXTS)),
                pick(random, List.of("high", "medium", "low")),
                bought ? (Object) (1 + random.nextInt(5)) : null,
                bought ? pick(random, List.of("Champions", "At Risk", "Can't Lose Them")) : null,
                pick(random, List.of("potential", "new", "active", "at_risk", "churned")),
                pick(random, List.of("A", "B", "C")));
        for (UUID segment : segments) {
            if (random.nextInt(3) == 0) {
                execute(
                        "INSERT INTO customer_segments AS cs (customer_id, segment_ids, entered_at)"
                                + " VALUES (?, ARRAY[CAST(? AS uuid)], ARRAY[now()]) ON CONFLICT (customer_id) DO UPDATE"
                                + " SET segment_ids = cs.segment_ids || EXCLUDED.segment_ids,"
                                + " entered_at = cs.entered_at || EXCLUDED.entered_at",
                        id,
                        segment);
                membershipsByCustomer.computeIfAbsent(id, k -> new HashSet<>()).add(segment);
            }
        }
        if (random.nextInt(4) == 0 && !segments.isEmpty()) {
            // A past stay: history must not count as membership.
            execute(
                    "INSERT INTO ended_membership (segment_id, customer_id, entered_at, exited_at)"
                            + " VALUES (?, ?, now() - interval '2 days', now() - interval '1 day')",
                    segments.get(0),
                    id);
        }
    }

    /** Timestamps at the relative-date boundaries, give or take a microsecond. */
    private static OffsetDateTime timestamp(Random random) {
        long days = List.of(0L, 1L, 7L, 30L, 90L, 400L).get(random.nextInt(6));
        long micros = random.nextInt(3) - 1;
        return OffsetDateTime.ofInstant(
                NOW.minus(days, ChronoUnit.DAYS).plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static String array(Random random, List<String> pool) {
        List<String> items = new ArrayList<>();
        for (String item : pool) {
            if (random.nextInt(3) == 0) {
                items.add("\"" + item.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
        }
        return "{" + String.join(",", items) + "}";
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T maybe(Random random, T value) {
        return random.nextInt(4) == 0 ? null : value;
    }

    private static void execute(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }
}
