package io.fenqun.profile.privacy;

import io.fenqun.kit.feed.OutboxWriter;
import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.time.Utc;
import io.fenqun.profile.customer.Customer;
import io.fenqun.profile.customer.CustomerRepository;
import io.fenqun.profile.customer.CustomerService;
import io.quarkus.arc.All;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Export and erasure of one customer's data across every feature. Erasure removes personal data
 * everywhere it is held (customer row, feature parts, earlier feed payloads, stored idempotent
 * responses) in one transaction, keeps anonymous facts, and announces {@code customer.erased}.
 */
@ApplicationScoped
public class PrivacyService {

    public static final String ERASED = "customer.erased";

    private final CustomerRepository customers;
    private final CustomerService customerService;
    private final List<CustomerDataPart> parts;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotency;

    public PrivacyService(
            CustomerRepository customers,
            CustomerService customerService,
            @All List<CustomerDataPart> parts,
            OutboxWriter outbox,
            IdempotencyKeys idempotency) {
        this.customers = customers;
        this.customerService = customerService;
        this.parts = parts;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    @WithSession
    public Uni<CustomerExport> export(UUID id) {
        return existing(id).flatMap(customer -> customerService.view(customer).flatMap(view -> {
            Map<String, Object> exported = new LinkedHashMap<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CustomerDataPart part : parts) {
                chain = chain.flatMap(ignored -> part.export(id)
                        .invoke(data -> exported.put(part.name(), data))
                        .replaceWithVoid());
            }
            return chain.flatMap(ignored -> outbox.eventsAbout(id))
                    .map(events -> new CustomerExport(Utc.now(), view, exported, events));
        }));
    }

    /** Erases a customer's personal data; erasing twice changes nothing more. */
    @WithTransaction
    public Uni<Void> erase(UUID id) {
        return existing(id).flatMap(customer -> {
            if (customer.status == Customer.Status.ERASED) {
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime erasedAt = Utc.now();
            anonymise(customer, erasedAt);
            Uni<Void> chain = customers.flush().flatMap(ignored -> customers.unlinkExternalIds(id));
            for (CustomerDataPart part : parts) {
                chain = chain.flatMap(ignored -> part.erase(id));
            }
            return chain.flatMap(ignored -> outbox.redactSubject(id, personalEventTypes(), Map.of("erased", true)))
                    .flatMap(ignored -> idempotency.forgetResource(id.toString()))
                    .flatMap(ignored -> outbox.append(ERASED, id, Map.of("id", id, "erasedAt", erasedAt)))
                    .replaceWithVoid();
        });
    }

    /** Customer event types always carry personal data; each part names its own. */
    private Set<String> personalEventTypes() {
        Set<String> types = new TreeSet<>(Set.of(CustomerService.CREATED, CustomerService.UPDATED));
        parts.forEach(part -> types.addAll(part.personalEventTypes()));
        return types;
    }

    /**
     * Clears everything that identifies or reaches the person. Province and city stay: on their own
     * they identify nobody and keep regional statistics true.
     */
    static void anonymise(Customer c, OffsetDateTime erasedAt) {
        c.name = null;
        c.gender = null;
        c.birthDate = null;
        c.phone = null;
        c.email = null;
        c.district = null;
        c.addressLine = null;
        c.tags = new String[0];
        c.status = Customer.Status.ERASED;
        c.erasedAt = erasedAt;
        c.updatedAt = erasedAt;
    }

    private Uni<Customer> existing(UUID id) {
        return customers.findById(id).map(c -> {
            if (c == null) {
                throw ProblemException.notFound("Customer", id);
            }
            return c;
        });
    }
}
