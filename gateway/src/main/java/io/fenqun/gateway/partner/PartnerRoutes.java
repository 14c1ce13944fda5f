package io.fenqun.gateway.partner;

import io.fenqun.gateway.routing.PathTemplate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What partners may call through the gateway, the scope each route needs and the query parameters
 * it takes. Anything else is refused to API keys, and unknown query parameters are refused to every
 * partner, so a typo in a partner's integration fails loudly instead of being ignored.
 */
public final class PartnerRoutes {

    /** Read customers, their orders, points and consents, and the 360 view. */
    public static final String READ = "read";
    /** Upsert customers and orders by external id, single and batch; record consents. */
    public static final String SYNC = "sync";
    /** Upload import files and follow the jobs. */
    public static final String IMPORT = "import";
    /** Read one service's feed: {@code feed:profile}, {@code feed:segment} ... */
    public static final String FEED_PREFIX = "feed:";

    private static final Set<String> PAGING = Set.of("limit", "cursor");

    public record Route(String method, PathTemplate path, String scope, Set<String> queryParameters) {}

    /** The verdict on one partner request. */
    public sealed interface Verdict {
        record Allowed() implements Verdict {}

        record NotAPartnerRoute() implements Verdict {}

        record MissingScope(String scope) implements Verdict {}

        record UnknownParameters(Set<String> names) implements Verdict {}
    }

    private final List<Route> routes;

    /** @param feedServices the services whose feeds partners may read */
    public PartnerRoutes(Collection<String> feedServices) {
        List<Route> all = new ArrayList<>(List.of(
                route(
                        "GET",
                        "/api/v1/customers",
                        READ,
                        "q",
                        "name",
                        "phone",
                        "email",
                        "tag",
                        "city",
                        "limit",
                        "cursor"),
                route("GET", "/api/v1/customers/{id}", READ),
                route("GET", "/api/v1/customers/{id}/360", READ),
                route("GET", "/api/v1/customers/{id}/orders", READ, PAGING),
                route("GET", "/api/v1/customers/{id}/points", READ),
                route("GET", "/api/v1/customers/{id}/points/ledger", READ, PAGING),
                route("GET", "/api/v1/customers/{id}/consents", READ),
                route("GET", "/api/v1/customers/{id}/consents/history", READ, PAGING),
                route("GET", "/api/v1/orders/{id}", READ),
                route("PUT", "/api/v1/customers/by-external-id/{source}/{externalId}", SYNC),
                route("PUT", "/api/v1/orders/by-external-id/{source}/{externalId}", SYNC),
                route("POST", "/api/v1/partner/customers:batch", SYNC),
                route("POST", "/api/v1/partner/orders:batch", SYNC),
                route("POST", "/api/v1/customers/{id}/consents", SYNC),
                route("PUT", "/api/v1/customers/{id}/consents/{channel}/{purpose}", SYNC),
                route("POST", "/api/v1/imports", IMPORT, "kind", "dryRun", "source", "format", "mapping", "fileName"),
                route("GET", "/api/v1/imports/{id}", IMPORT),
                route("GET", "/api/v1/imports/{id}/errors", IMPORT, PAGING)));
        for (String service : feedServices) {
            all.add(route("GET", "/api/v1/feeds/" + service, FEED_PREFIX + service, "after", "limit", "wait"));
        }
        this.routes = List.copyOf(all);
    }

    public List<Route> routes() {
        return routes;
    }

    /** Every scope a key may be given. */
    public Set<String> scopes() {
        Set<String> scopes = new TreeSet<>();
        routes.forEach(r -> scopes.add(r.scope()));
        return scopes;
    }

    /**
     * @param scopes the key's scopes, or empty for a partner token from elsewhere (its roles are
     *     checked by the services; only the parameters are checked here)
     */
    public Verdict check(String method, String path, Set<String> queryNames, Optional<Set<String>> scopes) {
        Optional<Route> route = routes.stream()
                .filter(r -> r.method().equals(method) && r.path().matches(path))
                .findFirst();
        if (route.isEmpty()) {
            return scopes.isPresent() ? new Verdict.NotAPartnerRoute() : new Verdict.Allowed();
        }
        if (scopes.isPresent() && !scopes.get().contains(route.get().scope())) {
            return new Verdict.MissingScope(route.get().scope());
        }
        Set<String> unknown = new TreeSet<>(queryNames);
        unknown.removeAll(route.get().queryParameters());
        return unknown.isEmpty() ? new Verdict.Allowed() : new Verdict.UnknownParameters(unknown);
    }

    private static Route route(String method, String path, String scope, String... queryParameters) {
        return route(method, path, scope, Set.of(queryParameters));
    }

    private static Route route(String method, String path, String scope, Set<String> queryParameters) {
        return new Route(method, new PathTemplate(path), scope, queryParameters);
    }
}
