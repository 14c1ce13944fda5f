package io.fenqun.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = new RouteTable(Map.of(
            "profile", List.of("/api/v1/customers", "/api/v1/feeds/profile"),
            "segment", List.of("/api/v1/segments/", "/api/v1/feeds/segment")));

    @Test
    void prefixesMatchWholeSegmentsAndCustomMethods() {
        assertEquals(Optional.of("profile"), table.ownerOf("/api/v1/customers"));
        assertEquals(Optional.of("profile"), table.ownerOf("/api/v1/customers/c-1/orders"));
        assertEquals(Optional.of("profile"), table.ownerOf("/api/v1/customers:search"));
        assertEquals(Optional.of("segment"), table.ownerOf("/api/v1/segments"));
        assertEquals(Optional.empty(), table.ownerOf("/api/v1/customersX"));
        assertEquals(Optional.empty(), table.ownerOf("/api/v1/feeds"));
        assertEquals(Optional.of("segment"), table.ownerOf("/api/v1/feeds/segment"));
    }

    @Test
    void theGatewayKeepsItsOwnOperations() {
        assertEquals(Optional.of(RouteTable.GATEWAY), table.ownerOf("/api/v1/customers/c-1/360"));
        assertEquals(Optional.of(RouteTable.GATEWAY), table.ownerOf("/api/v1/api-keys/k"));
        assertEquals(Optional.of(RouteTable.GATEWAY), table.ownerOf("/api/v1/partner/customers:batch"));
        assertEquals(Optional.of("profile"), table.ownerOf("/api/v1/customers/c-1/360/more"));
    }

    @Test
    void templatesMatchOneNonEmptySegmentPerVariable() {
        PathTemplate template = new PathTemplate("/api/v1/customers/{id}/orders");
        assertTrue(template.matches("/api/v1/customers/abc/orders"));
        assertTrue(template.matches("/api/v1/customers/abc/orders/"));
        assertFalse(template.matches("/api/v1/customers//orders"));
        assertFalse(template.matches("/api/v1/customers/a/b/orders"));
        assertFalse(template.matches("/api/v1/customers/abc"));
    }
}
