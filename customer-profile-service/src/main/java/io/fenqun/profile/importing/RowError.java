package io.fenqun.profile.importing;

/** Why one cell (or a whole row, column "*") of an import file was rejected. Never quotes the value. */
public record RowError(long row, String column, String reason) {

    public static final String WHOLE_ROW = "*";
}
