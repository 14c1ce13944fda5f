package io.fenqun.gateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartnerRoutesTest {

    private final PartnerRoutes routes = new PartnerRoutes(List.of("profile", "segment"));

    @Test
    void scopesIncludeOneFeedPerService() {
        assertEquals(Set.of("read", "sync", "import", "feed:profile", "feed:segment"), routes.scopes());
    }

    @Test
    void aKeyNeedsTheRoutesScope() {
        assertInstanceOf(
                PartnerRoutes.Verdict.Allowed.class,
                routes.check("GET", "/api/v1/feeds/profile", Set.of("after"), Optional.of(Set.of("feed:profile"))));
        assertEquals(
                new PartnerRoutes.Verdict.MissingScope("feed:segment"),
                routes.check("GET", "/api/v1/feeds/segment", Set.of(), Optional.of(Set.of("feed:profile"))));
        assertEquals(
                new PartnerRoutes.Verdict.MissingScope("sync"),
                routes.check("PUT", "/api/v1/orders/by-external-id/shop/o-1", Set.of(), Optional.of(Set.of("read"))));
    }

    @Test
    void keysStayOnPartnerRoutesWhilePartnerTokensAreLeftToTheServices() {
        assertInstanceOf(
                PartnerRoutes.Verdict.NotAPartnerRoute.class,
                routes.check("DELETE", "/api/v1/customers/c-1", Set.of(), Optional.of(Set.of("read", "sync"))));
        assertInstanceOf(
                PartnerRoutes.Verdict.Allowed.class,
                routes.check("DELETE", "/api/v1/customers/c-1", Set.of("anything"), Optional.empty()));
    }

    @Test
    void unknownQueryParametersAreNamed() {
        assertEquals(
                new PartnerRoutes.Verdict.UnknownParameters(Set.of("colour", "size")),
                routes.check(
                        "GET",
                        "/api/v1/customers",
                        Set.of("q", "colour", "size", "limit"),
                        Optional.of(Set.of("read"))));
        assertEquals(
                new PartnerRoutes.Verdict.UnknownParameters(Set.of("since")),
                routes.check("GET", "/api/v1/feeds/profile", Set.of("after", "since"), Optional.empty()));
    }
}
