package io.fenqun.profile.loyalty;

import io.fenqun.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/loyalty/reconciliation")
@Tag(name = "Loyalty")
@Produces(MediaType.APPLICATION_JSON)
public class LoyaltyReconciliationResource {

    private final LoyaltyService loyalty;

    public LoyaltyReconciliationResource(LoyaltyService loyalty) {
        this.loyalty = loyalty;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Reconcile points now",
            description =
                    "Earns points for new paid orders, reverses refunded and cancelled ones and expires old lots, "
                            + "for everyone; it also runs on a schedule (fenqun.loyalty.reconcile-every).")
    public Uni<Map<String, Integer>> reconcile() {
        return loyalty.reconcile().map(touched -> Map.of("customersUpdated", touched));
    }
}
