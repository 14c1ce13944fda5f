package io.fenqun.profile.consent;

import io.fenqun.kit.feed.OutboxWriter;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Records consent decisions into the history and the current state in one transaction, with a
 * {@code consent.changed} event each, so a withdrawal holds from the moment the request returns.
 */
@ApplicationScoped
public class ConsentService {

    public static final String CHANGED = "consent.changed";

    private final ConsentRepository consents;
    private final CustomerRepository customers;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotency;

    public ConsentService(
            ConsentRepository consents,
            CustomerRepository customers,
            OutboxWriter outbox,
            IdempotencyKeys idempotency) {
        this.consents = consents;
        this.customers = customers;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    /** Records several decisions, all or none, once per Idempotency-Key; answers the current consents. */
    @WithTransaction
    public Uni<IdempotencyKeys.Outcome<CustomerConsents>> record(
            UUID customerId, String idempotencyKey, ConsentChanges input, Caller caller) {
        return idempotency.once(
                caller.userId() + ":consent.record:" + customerId,
                idempotencyKey,
                input,
                CustomerConsents.class,
                () -> {
                    ConsentRules.validate(input.changes(), Utc.now().toInstant(), "changes");
                    return activeVisibleCustomer(customerId, caller)
                            .flatMap(customer -> recordAll(customer, input.changes(), caller))
                            .flatMap(ignored -> current(customerId));
                },
                v -> v.customerId().toString(),
                200);
    }

    /** Records one decision and answers the consent that is now current for its channel and purpose. */
    @WithTransaction
    public Uni<ConsentView> record(UUID customerId, ConsentChangeInput change, Caller caller) {
        ConsentRules.validate(List.of(change), Utc.now().toInstant(), null);
        return activeVisibleCustomer(customerId, caller)
                .flatMap(customer -> recordOne(customer, change, caller))
                .map(ConsentChangedEvent::current);
    }

    @WithSession
    public Uni<CustomerConsents> current(UUID customerId, Caller caller) {
        return visibleCustomer(customerId, caller).flatMap(c -> current(customerId));
    }

    @WithSession
    public Uni<Page<ConsentChangeView>> history(UUID customerId, PageRequest page, Caller caller) {
        UUID before = page.after() == null ? null : cursorId(page.after());
        boolean personal = CustomerAccess.seesPersonalData(caller);
        return visibleCustomer(customerId, caller)
                .flatMap(c -> consents.history(customerId, before, page.fetchSize()))
                .map(list -> page.page(
                        list.stream()
                                .map(ConsentChangeView::of)
                                .map(v -> personal ? v : v.toMasked())
                                .toList(),
                        v -> v.id().toString()));
    }

    private Uni<Void> recordAll(Customer customer, List<ConsentChangeInput> changes, Caller caller) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConsentChangeInput change : changes) {
            chain = chain.flatMap(ignored -> recordOne(customer, change, caller).replaceWithVoid());
        }
        return chain;
    }

    private Uni<ConsentChangedEvent> recordOne(Customer customer, ConsentChangeInput input, Caller caller) {
        OffsetDateTime now = Utc.now();
        ConsentChange change = new ConsentChange();
        change.id = Ids.newId();
        change.customerId = customer.id;
        change.channel = input.channel();
        change.purpose = input.purpose();
        change.status = input.status();
        change.source = input.source();
        change.changedAt = input.changedAt() == null ? now : input.changedAt().withOffsetSameInstant(ZoneOffset.UTC);
        change.recordedAt = now;
        change.recordedBy = caller.userId();
        change.evidence = input.evidence() == null || input.evidence().isBlank()
                ? null
                : input.evidence().trim();
        return consents.persist(change)
                .flatMap(ignored -> consents.flush())
                .flatMap(ignored -> consents.applyToCurrent(change.id))
                .flatMap(ignored -> consents.current(customer.id))
                .map(current -> new ConsentChangedEvent(
                        customer.id,
                        ConsentChangeView.of(change),
                        current.stream()
                                .filter(c -> c.channel == change.channel && c.purpose == change.purpose)
                                .map(ConsentView::of)
                                .findFirst()
                                .orElseThrow()))
                .call(event -> outbox.append(CHANGED, customer.id, event));
    }

    private Uni<CustomerConsents> current(UUID customerId) {
        return consents.current(customerId)
                .map(list -> new CustomerConsents(
                        customerId, list.stream().map(ConsentView::of).toList()));
    }

    private Uni<Customer> visibleCustomer(UUID customerId, Caller caller) {
        return customers.findById(customerId).map(c -> CustomerAccess.requireVisible(caller, c, customerId));
    }

    private Uni<Customer> activeVisibleCustomer(UUID customerId, Caller caller) {
        return visibleCustomer(customerId, caller).invoke(CustomerService::requireActive);
    }

    private static UUID cursorId(String cursor) {
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }
}
