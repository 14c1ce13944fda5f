package io.fenqun.profile.order;

import io.fenqun.profile.privacy.CustomerDataPart;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Orders hold no personal data: erasure keeps them as anonymous facts; a merge moves them. */
@ApplicationScoped
public class OrderDataPart implements CustomerDataPart {

    private final OrderRepository orders;

    public OrderDataPart(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public String name() {
        return "orders";
    }

    @Override
    public Uni<Object> export(UUID customerId) {
        return orders.allForCustomer(customerId)
                .map(list -> list.stream().map(OrderView::of).toList());
    }

    @Override
    public Uni<Void> erase(UUID customerId) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> merge(UUID duplicate, UUID survivor) {
        return orders.moveToCustomer(duplicate, survivor).replaceWithVoid();
    }
}
