package io.fenqun.segment.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** The Java side of the field types: one normal form per type, and comparison within a type. */
final class Values {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {}

    /** PostgreSQL keeps microseconds; Java must compare at the same precision. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    @SuppressWarnings("unchecked")
    static int compare(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** A column value from JDBC or Hibernate Reactive in the normal form of its type; null stays null. */
    static Object normalise(FieldType type, Object raw) {
        if (raw == null) {
            return null;
        }
        return switch (type) {
            case TEXT, ENUM -> raw.toString();
            case INTEGER -> ((Number) raw).longValue();
            case DECIMAL -> raw instanceof BigDecimal d ? d : new BigDecimal(raw.toString());
            case TIMESTAMP -> micros(instant(raw));
            case DATE -> raw instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) raw;
            case TEXT_LIST -> texts(raw);
        };
    }

    private static Instant instant(Object raw) {
        if (raw instanceof Instant i) {
            return i;
        }
        if (raw instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (raw instanceof Timestamp t) {
            return t.toInstant();
        }
        if (raw instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a timestamp: " + raw.getClass());
    }

    private static List<String> texts(Object raw) {
        if (raw instanceof String json) {
            try {
                return Arrays.asList(JSON.readValue(json, String[].class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a JSON text array: " + json, e);
            }
        }
        try {
            Object items = raw instanceof Array array ? array.getArray() : raw;
            if (items instanceof Object[] objects) {
                return Arrays.stream(objects).map(String::valueOf).toList();
            }
            if (items instanceof Collection<?> collection) {
                return collection.stream().map(String::valueOf).toList();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("not a text array: " + raw.getClass());
    }
}
