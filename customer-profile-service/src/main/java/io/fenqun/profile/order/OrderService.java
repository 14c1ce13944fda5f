package io.fenqun.profile.order;

import io.fenqun.kit.feed.OutboxWriter;
import io.fenqun.kit.http.ETags;
import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.time.Utc;
import io.fenqun.profile.customer.Customer;
import io.fenqun.profile.customer.CustomerAccess;
import io.fenqun.profile.customer.CustomerRepository;
import io.fenqun.profile.customer.CustomerService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Records orders and their refunds and cancellations, each announced on the feed. */
@ApplicationScoped
public class OrderService {

    public static final String RECORDED = "order.recorded";
    public static final String UPDATED = "order.updated";
    public static final String REFUNDED = "order.refunded";
    public static final String CANCELLED = "order.cancelled";

    private final OrderRepository orders;
    private final CustomerRepository customers;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotency;

    public OrderService(
            OrderRepository orders, CustomerRepository customers, OutboxWriter outbox, IdempotencyKeys idempotency) {
        this.orders = orders;
        this.customers = customers;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<IdempotencyKeys.Outcome<OrderView>> record(String idempotencyKey, OrderInput input, Caller caller) {
        return idempotency.once(
                caller.userId() + ":order.record",
                idempotencyKey,
                input,
                OrderView.class,
                () -> record(input, caller),
                v -> v.id().toString(),
                201);
    }

    @WithTransaction
    public Uni<OrderView> record(OrderInput input, Caller caller) {
        OrderRules.check(input);
        return orderingCustomer(input.customerId(), caller).flatMap(customer -> {
            Uni<CustomerOrder> existing = input.external() == null
                    ? Uni.createFrom().nullItem()
                    : orders.findByExternalId(
                            input.external().source(), input.external().id());
            return existing.flatMap(found -> {
                if (found != null) {
                    throw ProblemException.conflict("Order " + input.external().source() + "/"
                            + input.external().id() + " exists already as " + found.id
                            + "; use PUT /api/v1/orders/by-external-id to change it");
                }
                return insert(input);
            });
        });
    }

    /** Creates (true) or replaces (false) the order a partner system knows by (source, id). */
    public record Upserted(OrderView order, boolean created) {}

    @WithTransaction
    public Uni<Upserted> upsertByExternalId(String source, String externalId, OrderInput input, Caller caller) {
        if (caller.partnerSource() != null && !caller.partnerSource().equals(source)) {
            throw ProblemException.forbidden(
                    "This partner key may only write external ids of source " + caller.partnerSource());
        }
        OrderInput withRef = new OrderInput(
                input.customerId(),
                new OrderInput.ExternalRef(source, externalId),
                input.orderedAt(),
                input.channel(),
                input.store(),
                input.currency(),
                input.total(),
                input.status(),
                input.items(),
                input.couponCode());
        OrderRules.check(withRef);
        return orderingCustomer(withRef.customerId(), caller)
                .flatMap(customer -> orders.findByExternalId(source, externalId))
                .flatMap(found -> {
                    if (found == null) {
                        return insert(withRef).map(v -> new Upserted(v, true));
                    }
                    OrderView before = OrderView.of(found);
                    if (OrderView.of(replacement(found, withRef)).equals(before)) {
                        return Uni.createFrom().item(new Upserted(before, false));
                    }
                    found.customerId = withRef.customerId();
                    apply(found, withRef);
                    found.updatedAt = Utc.now();
                    return announce(UPDATED, found).map(v -> new Upserted(v, false));
                });
    }

    @WithSession
    public Uni<OrderView> get(UUID id, Caller caller) {
        return visibleOrder(id, caller).map(OrderView::of);
    }

    @WithSession
    public Uni<Page<OrderView>> forCustomer(UUID customerId, PageRequest page, Caller caller) {
        OffsetDateTime afterTime = null;
        UUID afterId = null;
        if (page.after() != null) {
            String[] parts = page.after().split("\\|", 2);
            try {
                afterTime = OffsetDateTime.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (DateTimeParseException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
            }
        }
        OffsetDateTime time = afterTime;
        UUID id = afterId;
        return customers
                .findById(customerId)
                .map(c -> CustomerAccess.requireVisible(caller, c, customerId))
                .flatMap(c -> orders.forCustomer(customerId, time, id, page.fetchSize()))
                .map(list -> page.page(list.stream().map(OrderView::of).toList(), v -> v.orderedAt() + "|" + v.id()));
    }

    @WithTransaction
    public Uni<OrderView> refund(UUID id, Long expectedVersion, Caller caller) {
        return changeStatus(id, expectedVersion, caller, CustomerOrder.Status.REFUNDED, REFUNDED);
    }

    @WithTransaction
    public Uni<OrderView> cancel(UUID id, Long expectedVersion, Caller caller) {
        return changeStatus(id, expectedVersion, caller, CustomerOrder.Status.CANCELLED, CANCELLED);
    }

    private Uni<OrderView> changeStatus(
            UUID id, Long expectedVersion, Caller caller, CustomerOrder.Status target, String event) {
        return visibleOrder(id, caller).flatMap(order -> {
            ETags.check(expectedVersion, order.version);
            if (order.status != CustomerOrder.Status.PAID) {
                throw ProblemException.conflict(
                        "Order " + id + " is " + order.status.name().toLowerCase() + " and can no longer be "
                                + target.name().toLowerCase());
            }
            order.status = target;
            order.updatedAt = Utc.now();
            return announce(event, order);
        });
    }

    private Uni<OrderView> insert(OrderInput input) {
        CustomerOrder order = new CustomerOrder();
        order.id = Ids.newId();
        order.customerId = input.customerId();
        order.createdAt = Utc.now();
        order.updatedAt = order.createdAt;
        apply(order, input);
        return orders.persist(order).flatMap(o -> announce(RECORDED, o));
    }

    private Uni<OrderView> announce(String type, CustomerOrder order) {
        return orders.flush().flatMap(ignored -> {
            OrderView view = OrderView.of(order);
            return outbox.append(type, order.customerId, view).replaceWith(view);
        });
    }

    /** What an order would look like after applying input, without touching the managed entity. */
    private static CustomerOrder replacement(CustomerOrder current, OrderInput input) {
        CustomerOrder candidate = new CustomerOrder();
        candidate.id = current.id;
        candidate.customerId = input.customerId();
        candidate.version = current.version;
        candidate.createdAt = current.createdAt;
        candidate.updatedAt = current.updatedAt;
        apply(candidate, input);
        return candidate;
    }

    private static void apply(CustomerOrder order, OrderInput input) {
        order.externalSource =
                input.external() == null ? null : input.external().source();
        order.externalId = input.external() == null ? null : input.external().id();
        order.orderedAt = input.orderedAt().withOffsetSameInstant(ZoneOffset.UTC);
        order.channel = input.channel();
        order.store = input.store();
        order.currency = OrderRules.currency(input.currency());
        order.total = input.total().setScale(2, RoundingMode.HALF_UP);
        order.status = input.status() == null ? CustomerOrder.Status.PAID : input.status();
        order.couponCode = input.couponCode();
        order.items.clear();
        if (input.items() != null) {
            for (OrderInput.Line line : input.items()) {
                CustomerOrder.Item item = new CustomerOrder.Item();
                item.sku = line.sku();
                item.name = line.name();
                item.category = line.category();
                item.quantity = line.quantity().setScale(3, RoundingMode.HALF_UP);
                item.unitPrice = line.unitPrice().setScale(2, RoundingMode.HALF_UP);
                order.items.add(item);
            }
        }
    }

    /** The customer an order is recorded for: visible to the caller and still active. */
    private Uni<Customer> orderingCustomer(UUID customerId, Caller caller) {
        return customers.findById(customerId).map(c -> {
            CustomerAccess.requireVisible(caller, c, customerId);
            CustomerService.requireActive(c);
            return c;
        });
    }

    private Uni<CustomerOrder> visibleOrder(UUID id, Caller caller) {
        return orders.findById(id).flatMap(order -> {
            if (order == null) {
                throw ProblemException.notFound("Order", id);
            }
            return customers.findById(order.customerId).map(c -> {
                if (c == null || !CustomerAccess.canSee(caller, c)) {
                    throw ProblemException.notFound("Order", id);
                }
                return order;
            });
        });
    }
}
