package io.fenqun.gateway.routing;

import io.fenqun.gateway.GatewayConfig;
import io.fenqun.gateway.partner.PartnerRoutes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The route table and the partner rules, built once from configuration. */
public class RoutingBeans {

    public static final String FEEDS = "/api/v1/feeds/";

    @Produces
    @Singleton
    RouteTable routeTable(GatewayConfig config) {
        return new RouteTable(config.services().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().prefixes())));
    }

    /** Partners may read the feed of every service that routes one ({@code /api/v1/feeds/<name>}). */
    @Produces
    @Singleton
    PartnerRoutes partnerRoutes(GatewayConfig config) {
        List<String> feedServices = config.services().entrySet().stream()
                .filter(e -> e.getValue().prefixes().contains(FEEDS + e.getKey()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        return new PartnerRoutes(feedServices);
    }
}
