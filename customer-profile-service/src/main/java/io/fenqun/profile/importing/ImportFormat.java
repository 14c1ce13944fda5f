package io.fenqun.profile.importing;

import java.util.Locale;

/** The file formats an import reads. */
public enum ImportFormat {
    CSV,
    XLSX,
    JSONL;

    /**
     * The format from an explicit name, else from the file's first bytes: XLSX is a zip archive,
     * JSON Lines starts with an object, anything else is read as CSV.
     */
    public static ImportFormat detect(String declared, byte[] head) {
        if (declared != null && !declared.isBlank()) {
            try {
                return valueOf(declared.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("format must be csv, xlsx or jsonl");
            }
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return XLSX;
        }
        int i = TextDecoding.bomLength(head);
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length && head[i] == '{' ? JSONL : CSV;
    }
}
