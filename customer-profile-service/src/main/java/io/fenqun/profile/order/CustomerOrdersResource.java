package io.fenqun.profile.order;

import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's orders; its own root path so it is matched before the customer resource's {id}. */
@Path("/api/v1/customers/{id}/orders")
@Tag(name = "Orders")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerOrdersResource {

    private final OrderService service;
    private final SecurityIdentity identity;

    public CustomerOrdersResource(OrderService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.MARKETER, Roles.ANALYST, Roles.PARTNER, Roles.SERVICE
    })
    @Operation(summary = "A customer's orders, newest first")
    public Uni<Page<OrderView>> forCustomer(
            @PathParam("id") String customerId,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.forCustomer(
                Ids.parse(customerId, "Customer"), PageRequest.of(limit, cursor), Caller.of(identity));
    }
}
