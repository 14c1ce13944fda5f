package io.fenqun.profile.duplicate;

import io.fenqun.kit.feed.OutboxWriter;
import io.fenqun.kit.http.ETags;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.time.Utc;
import io.fenqun.profile.customer.Customer;
import io.fenqun.profile.customer.CustomerRepository;
import io.fenqun.profile.customer.CustomerService;
import io.fenqun.profile.customer.CustomerView;
import io.fenqun.profile.privacy.CustomerDataPart;
import io.quarkus.arc.All;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Finds customers that may be one person, and merges two records into one across every feature. */
@ApplicationScoped
public class DuplicateService {

    public static final String MERGED = "customer.merged";

    /**
     * Pairs of active customers with the same email, the same name in the same city or with the
     * same birth date, or very similar names (trigram similarity) in the same city.
     */
    private static final String CANDIDATES =
            """
            SELECT a.id, a.name, b.id, b.name, string_agg(DISTINCT r.reason, '|' ORDER BY r.reason)
              FROM customer a
              JOIN customer b ON b.id > a.id AND b.status = 'ACTIVE'
             CROSS JOIN LATERAL (VALUES
                   (CASE WHEN lower(a.email) = lower(b.email) THEN 'same email' END),
                   (CASE WHEN a.name = b.name AND a.city = b.city THEN 'same name and city' END),
                   (CASE WHEN a.name = b.name AND a.birth_date = b.birth_date THEN 'same name and birth date' END),
                   (CASE WHEN a.name <> b.name AND a.city = b.city AND similarity(a.name, b.name) >= 0.5
                         THEN 'similar name in the same city' END)) AS r(reason)
             WHERE a.status = 'ACTIVE' AND r.reason IS NOT NULL
               AND (lower(a.email) = lower(b.email) OR a.name = b.name OR a.name % b.name)
               AND (a.id, b.id) > (:afterFirst, :afterSecond)
             GROUP BY a.id, a.name, b.id, b.name
             ORDER BY a.id, b.id
             LIMIT :fetch""";

    private final CustomerRepository customers;
    private final CustomerService customerService;
    private final List<CustomerDataPart> parts;
    private final OutboxWriter outbox;

    public DuplicateService(
            CustomerRepository customers,
            CustomerService customerService,
            @All List<CustomerDataPart> parts,
            OutboxWriter outbox) {
        this.customers = customers;
        this.customerService = customerService;
        this.parts = parts;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<Page<DuplicateCandidate>> candidates(PageRequest page) {
        UUID afterFirst = new UUID(0, 0);
        UUID afterSecond = new UUID(0, 0);
        if (page.after() != null) {
            String[] ids = page.after().split("\\|");
            try {
                afterFirst = UUID.fromString(ids[0]);
                afterSecond = UUID.fromString(ids[1]);
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
            }
        }
        UUID first = afterFirst;
        UUID second = afterSecond;
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(CANDIDATES, Object[].class)
                        .setParameter("afterFirst", first)
                        .setParameter("afterSecond", second)
                        .setParameter("fetch", page.fetchSize())
                        .getResultList())
                .map(rows -> page.page(
                        rows.stream()
                                .map(r -> new DuplicateCandidate(
                                        (UUID) r[0],
                                        (String) r[1],
                                        (UUID) r[2],
                                        (String) r[3],
                                        List.of(((String) r[4]).split("\\|"))))
                                .toList(),
                        c -> c.first() + "|" + c.second()));
    }

    /** Folds the duplicate into the survivor in one transaction; the duplicate stays as a MERGED pointer. */
    @WithTransaction
    public Uni<CustomerView> merge(UUID survivorId, UUID duplicateId, Long expectedVersion) {
        if (survivorId.equals(duplicateId)) {
            throw ProblemException.invalidField("duplicateId", "must be another customer than the survivor");
        }
        return customers
                .findById(survivorId)
                .flatMap(survivor -> customers.findById(duplicateId).flatMap(duplicate -> {
                    if (survivor == null) {
                        throw ProblemException.notFound("Customer", survivorId);
                    }
                    if (duplicate == null) {
                        throw ProblemException.invalidField("duplicateId", "names no customer");
                    }
                    CustomerService.requireActive(survivor);
                    CustomerService.requireActive(duplicate);
                    ETags.check(expectedVersion, survivor.version);
                    OffsetDateTime now = Utc.now();
                    duplicate.status = Customer.Status.MERGED;
                    duplicate.mergedInto = survivorId;
                    duplicate.updatedAt = now;
                    // The duplicate gives up its phone before the survivor may take it (one active owner per phone).
                    return customers.flush().flatMap(ignored -> {
                        MergeRules.absorb(survivor, duplicate);
                        survivor.updatedAt = now;
                        Uni<Void> chain = customers
                                .flush()
                                .flatMap(flushed -> customers.moveExternalIds(duplicateId, survivorId));
                        for (CustomerDataPart part : parts) {
                            chain = chain.flatMap(moved -> part.merge(duplicateId, survivorId));
                        }
                        return chain.flatMap(moved -> outbox.append(
                                        MERGED, duplicateId, Map.of("id", duplicateId, "mergedInto", survivorId)))
                                .flatMap(appended -> customerService.view(survivor))
                                .call(view -> outbox.append(CustomerService.UPDATED, survivorId, view));
                    });
                }));
    }
}
