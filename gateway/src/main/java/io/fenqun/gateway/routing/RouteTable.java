package io.fenqun.gateway.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who answers a path under /api/v1: the gateway itself (its own operations) or the service owning
 * the longest matching prefix. Plain Java so the rules are tested without a server.
 */
public final class RouteTable {

    /** The owner name of the gateway's own operations. */
    public static final String GATEWAY = "gateway";

    /** Operations the gateway serves itself; everything else under /api/v1 is routed by prefix. */
    static final List<String> GATEWAY_PREFIXES = List.of("/api/v1/api-keys", "/api/v1/partner", "/api/v1/openapi.json");

    static final List<PathTemplate> GATEWAY_TEMPLATES = List.of(new PathTemplate("/api/v1/customers/{id}/360"));

    private record Prefix(String prefix, String service) {}

    private final List<Prefix> prefixes;

    public RouteTable(Map<String, List<String>> prefixesByService) {
        this.prefixes = prefixesByService.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(p -> new Prefix(withoutTrailingSlash(p), e.getKey())))
                .sorted(Comparator.comparingInt((Prefix p) -> p.prefix().length())
                        .reversed())
                .toList();
    }

    /** The owner of a normalised path: {@link #GATEWAY}, a service name, or empty for an unknown route. */
    public Optional<String> ownerOf(String path) {
        if (GATEWAY_TEMPLATES.stream().anyMatch(t -> t.matches(path))
                || GATEWAY_PREFIXES.stream().anyMatch(p -> under(path, p))) {
            return Optional.of(GATEWAY);
        }
        return prefixes.stream()
                .filter(p -> under(path, p.prefix()))
                .map(Prefix::service)
                .findFirst();
    }

    /**
     * A low-cardinality name for the route a path takes, for metrics: the owning prefix with
     * {@code /*}, never the path itself with its ids.
     */
    public String metricsName(String path) {
        return prefixes.stream()
                .filter(p -> under(path, p.prefix()))
                .map(p -> p.prefix() + "/*")
                .findFirst()
                .orElse("/api/v1/*");
    }

    /** The prefixes configured for one service. */
    public List<String> prefixesOf(String service) {
        return prefixes.stream()
                .filter(p -> p.service().equals(service))
                .map(Prefix::prefix)
                .toList();
    }

    /** True when {@code path} is the prefix itself or below it ({@code /x/...}) or a custom method ({@code /x:batch}). */
    static boolean under(String path, String prefix) {
        return path.equals(prefix)
                || (path.startsWith(prefix)
                        && (path.charAt(prefix.length()) == '/' || path.charAt(prefix.length()) == ':'));
    }

    private static String withoutTrailingSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
