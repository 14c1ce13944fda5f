package io.fenqun.profile.loyalty;

import io.fenqun.profile.privacy.CustomerDataPart;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The ledger: kept on erasure (amounts are anonymous) but for staff's free-text reasons; moved on merge. */
@ApplicationScoped
public class LoyaltyDataPart implements CustomerDataPart {

    private final PointsLedger ledger;

    public LoyaltyDataPart(PointsLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "points";
    }

    @Override
    public Uni<Object> export(UUID customerId) {
        return ledger.all(customerId).map(entries -> entries);
    }

    @Override
    public Uni<Void> erase(UUID customerId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("UPDATE points_entry SET reason = NULL WHERE customer_id = :id"
                                + " AND kind IN ('REDEEM', 'ADJUST')")
                        .setParameter("id", customerId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> merge(UUID duplicate, UUID survivor) {
        return ledger.moveToCustomer(duplicate, survivor).replaceWithVoid();
    }
}
