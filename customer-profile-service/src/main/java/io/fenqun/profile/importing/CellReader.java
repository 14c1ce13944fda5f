package io.fenqun.profile.importing;

import io.fenqun.profile.customer.ContactNormalizer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads typed values from one record's cells the way spreadsheets write them (dates as text or
 * Excel serial numbers, Chinese or English words), collecting an error per bad cell.
 */
final class CellReader {

    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("yyyy-M-d"),
            DateTimeFormatter.ofPattern("yyyy/M/d"),
            DateTimeFormatter.ofPattern("yyyy.M.d"),
            DateTimeFormatter.ofPattern("yyyyMMdd"),
            DateTimeFormatter.ofPattern("yyyy年M月d日"));
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("yyyy-M-d H:m[:s]"),
            DateTimeFormatter.ofPattern("yyyy/M/d H:m[:s]"),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private static final Pattern WITH_OFFSET = Pattern.compile(".*T.*(Z|[+-]\\d{2}:?\\d{2})$");

    private final long row;
    private final Map<String, ColumnMapping.Cell> cells;
    private final List<RowError> errors = new ArrayList<>();

    CellReader(long row, Map<String, ColumnMapping.Cell> cells) {
        this.row = row;
        this.cells = cells;
    }

    List<RowError> errors() {
        return errors;
    }

    String text(String field, int maxLength) {
        ColumnMapping.Cell cell = cells.get(field);
        if (cell == null || cell.isBlank()) {
            return null;
        }
        if (cell.value().length() > maxLength) {
            return fail(cell, "is longer than " + maxLength + " characters");
        }
        return cell.value();
    }

    String required(String field, int maxLength) {
        String value = text(field, maxLength);
        if (value == null && !hasErrorFor(field)) {
            ColumnMapping.Cell cell = cells.get(field);
            errors.add(new RowError(row, cell == null ? field : cell.header(), "is required"));
        }
        return value;
    }

    String phone(String field, ContactNormalizer contacts) {
        ColumnMapping.Cell cell = cells.get(field);
        if (cell == null || cell.isBlank()) {
            return null;
        }
        return contacts.phone(cell.value()).orElseGet(() -> fail(cell, "is not a valid phone number"));
    }

    String email(String field, ContactNormalizer contacts) {
        ColumnMapping.Cell cell = cells.get(field);
        if (cell == null || cell.isBlank()) {
            return null;
        }
        return contacts.email(cell.value()).orElseGet(() -> fail(cell, "is not a valid email address"));
    }

    LocalDate date(String field) {
        ColumnMapping.Cell cell = cells.get(field);
        if (cell == null || cell.isBlank()) {
            return null;
        }
        String value = cell.value();
        LocalDate serial = excelSerial(value);
        if (serial != null) {
            return serial;
        }
        String datePart = value.length() > 10 && value.charAt(10) == 'T' ? value.substring(0, 10) : value;
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(datePart, format);
            } catch (DateTimeParseException ignored) {
                // try the next way of writing a date
            }
        }
        return fail(cell, "is not a date such as 1990-05-20");
    }

    /** An instant; a time without offset is read in the business time zone. */
    OffsetDateTime instant(String field, ZoneId businessZone) {
        ColumnMapping.Cell cell = cells.get(field);
        if (cell == null || cell.isBlank()) {
            return null;
        }
        String value = cell.value();
        // Only text that ends in an offset is tried as ISO-with-offset: a failed parse throws, and
        // most spreadsheets write local times, so trying it first would throw for nearly every row.
        if (WITH_OFFSET.matcher(value).matches()) {
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException ignored) {
                // fall through to the local forms
            }
        }
        for (DateTimeFormatter format : DATE_TIMES) {
            try {
                return LocalDateTime.parse(value, format).atZone(businessZone).toOffsetDateTime();
            } catch (DateTimeParseException ignored) {
                // try the next way of writing a time
            }
        }
        try {
            double serial = Double.parseDouble(value);
            if (serial > 1 && serial < 200_000) {
                long days = (long) serial;
                long seconds = Math.round((serial - days) * 86_400);
                return EXCEL_EPOCH
                        .plusDays(days)
                        .atStartOfDay(businessZone)
                        .plusSeconds(seconds)
                        .toOffsetDateTime();
            }
        } catch (NumberFormatException ignored) {
            // not an Excel serial either
        }
        LocalDate date = date(field);
        return date == null ? null : date.atStartOfDay(businessZone).toOffsetDateTime();
    }

    BigDecimal decimal(String field, BigDecimal min, boolean minInclusive, int scale) {
        ColumnMapping.Cell cell = cells.get(field);
        if (cell == null || cell.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(
                    cell.value().replace(",", "").replace("¥", "").replace("￥", ""));
            int cmp = value.compareTo(min);
            if (cmp < 0 || (cmp == 0 && !minInclusive)) {
                return fail(cell, "must be " + (minInclusive ? "at least " : "more than ") + min.toPlainString());
            }
            if (value.stripTrailingZeros().scale() > scale) {
                return fail(cell, "has more than " + scale + " decimal places");
            }
            if (value.precision() - value.scale() > 12) {
                return fail(cell, "is too large");
            }
            return value.setScale(scale);
        } catch (NumberFormatException e) {
            return fail(cell, "is not a number");
        }
    }

    /** A value from a closed vocabulary, given as its name or any of its words. */
    String choice(String field, Map<String, String> words) {
        ColumnMapping.Cell cell = cells.get(field);
        if (cell == null || cell.isBlank()) {
            return null;
        }
        String value = words.get(cell.value().toLowerCase(Locale.ROOT));
        return value != null ? value : fail(cell, "must be one of " + String.join(", ", distinct(words)));
    }

    /** A list separated by commas, semicolons, 、 or |; each item from the vocabulary when one is given. */
    String[] list(String field, Map<String, String> words, int maxItems) {
        ColumnMapping.Cell cell = cells.get(field);
        if (cell == null || cell.isBlank()) {
            return new String[0];
        }
        String[] items = Arrays.stream(cell.value().split("[,;，；、|]"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toArray(String[]::new);
        if (items.length > maxItems) {
            fail(cell, "has more than " + maxItems + " items");
            return new String[0];
        }
        if (words == null) {
            for (String item : items) {
                if (item.length() > 60) {
                    fail(cell, "has an item longer than 60 characters");
                    return new String[0];
                }
            }
            return items;
        }
        String[] mapped = new String[items.length];
        for (int i = 0; i < items.length; i++) {
            mapped[i] = words.get(items[i].toLowerCase(Locale.ROOT));
            if (mapped[i] == null) {
                fail(cell, "has an item that is not one of " + String.join(", ", distinct(words)));
                return new String[0];
            }
        }
        return Arrays.stream(mapped).distinct().toArray(String[]::new);
    }

    private static LocalDate excelSerial(String value) {
        if (!value.matches("\\d{5}(\\.0+)?")) {
            return null;
        }
        return EXCEL_EPOCH.plusDays((long) Double.parseDouble(value));
    }

    private boolean hasErrorFor(String field) {
        ColumnMapping.Cell cell = cells.get(field);
        return cell != null && errors.stream().anyMatch(e -> e.column().equals(cell.header()));
    }

    private <T> T fail(ColumnMapping.Cell cell, String reason) {
        errors.add(new RowError(row, cell.header(), reason));
        return null;
    }

    private static List<String> distinct(Map<String, String> words) {
        return words.values().stream().distinct().sorted().toList();
    }
}
