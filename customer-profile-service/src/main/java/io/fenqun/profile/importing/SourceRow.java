package io.fenqun.profile.importing;

import java.util.Map;

/**
 * One record of an import file: its row number as a person sees it (the header is row 1 in CSV
 * and XLSX; JSON Lines count lines) and its cells by header, or why it could not be read at all.
 */
public record SourceRow(long number, Map<String, String> cells, String unreadable) {

    public static SourceRow of(long number, Map<String, String> cells) {
        return new SourceRow(number, cells, null);
    }

    public static SourceRow unreadable(long number, String reason) {
        return new SourceRow(number, Map.of(), reason);
    }
}
