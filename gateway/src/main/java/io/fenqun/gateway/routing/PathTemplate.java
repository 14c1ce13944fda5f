package io.fenqun.gateway.routing;

/** A path like {@code /api/v1/customers/{id}/360}: each {@code {name}} matches one non-empty segment. */
public record PathTemplate(String template) {

    public boolean matches(String path) {
        String[] want = segments(template);
        String[] have = segments(path);
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean variable = want[i].startsWith("{") && want[i].endsWith("}");
            if (variable ? have[i].isEmpty() : !want[i].equals(have[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.startsWith("/") ? trimmed.substring(1).split("/", -1) : trimmed.split("/", -1);
    }
}
