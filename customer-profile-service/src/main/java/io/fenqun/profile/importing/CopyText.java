package io.fenqun.profile.importing;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Writes values in PostgreSQL's COPY text format: tab-separated, \N for null, backslash escapes. */
final class CopyText {

    private final StringBuilder line = new StringBuilder(256);
    private boolean first = true;

    CopyText add(Object value) {
        if (!first) {
            line.append('\t');
        }
        first = false;
        if (value == null) {
            line.append("\\N");
        } else if (value instanceof String[] array) {
            escape(arrayLiteral(array));
        } else if (value instanceof LocalDate || value instanceof OffsetDateTime) {
            line.append(value);
        } else {
            escape(value.toString());
        }
        return this;
    }

    /** Ends the row and returns it; the builder is ready for the next row. */
    String endRow() {
        line.append('\n');
        String row = line.toString();
        line.setLength(0);
        first = true;
        return row;
    }

    private static String arrayLiteral(String[] items) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"')
                    .append(items[i].replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }
}
