package io.fenqun.segment.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Loads customers' catalogue fields for in-memory evaluation: one column per field, after the id. */
public final class FactsQuery {

    /** One customer's fields: named parameters {@code id} and {@code now}. */
    public static final String ONE_CUSTOMER =
            select(FieldCatalogue.standard(), "CAST(:now AS timestamptz)") + " WHERE c.id = :id";

    private FactsQuery() {}

    /**
     * Add a WHERE clause to pick customers. {@code now} is the SQL of the evaluation instant (a
     * placeholder), which fields that age with the calendar read.
     */
    public static String select(FieldCatalogue catalogue, String now) {
        return "SELECT c.id, "
                + catalogue.fields().stream().map(f -> selected(f, now)).collect(Collectors.joining(", "))
                + " FROM customer c JOIN customer_facts f ON f.customer_id = c.id";
    }

    /** Arrays travel as JSON text: Hibernate Reactive's native queries cannot return text[] columns. */
    private static String selected(Field field, String now) {
        String sql = field.sql(now);
        return field.type() == FieldType.TEXT_LIST ? "array_to_json(" + sql + ")::text" : sql;
    }

    public static CustomerFacts fromRow(FieldCatalogue catalogue, Object[] row) {
        List<Field> fields = catalogue.fields();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            values.put(field.name(), Values.normalise(field.type(), row[i + 1]));
        }
        return new CustomerFacts((UUID) row[0], values);
    }
}
