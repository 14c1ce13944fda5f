package io.fenqun.profile.customer;

import io.fenqun.kit.feed.OutboxWriter;
import io.fenqun.kit.http.ETags;
import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates, changes and finds customers; every change is written to the feed in its transaction. */
@ApplicationScoped
public class CustomerService {

    public static final String CREATED = "customer.created";
    public static final String UPDATED = "customer.updated";

    private final CustomerRepository customers;
    private final OutboxWriter outbox;
    private final ContactNormalizer contacts;
    private final IdempotencyKeys idempotency;

    public CustomerService(
            CustomerRepository customers,
            OutboxWriter outbox,
            IdempotencyKeys idempotency,
            @ConfigProperty(name = "fenqun.phone.default-region", defaultValue = "CN") String region) {
        this.customers = customers;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.contacts = new ContactNormalizer(region);
    }

    public ContactNormalizer contacts() {
        return contacts;
    }

    /** Creates a customer once per Idempotency-Key (null: no key). */
    @WithTransaction
    public Uni<IdempotencyKeys.Outcome<CustomerView>> create(
            String idempotencyKey, CustomerInput input, Caller caller) {
        return idempotency.once(
                caller.userId() + ":customer.create",
                idempotencyKey,
                input,
                CustomerView.class,
                () -> create(input, caller),
                v -> v.id().toString(),
                201);
    }

    @WithTransaction
    public Uni<CustomerView> create(CustomerInput input, Caller caller) {
        Customer customer = new Customer();
        apply(customer, input, caller);
        return insert(customer, input).map(view -> CustomerAccess.present(caller, view));
    }

    /** Persists a new customer with its external ids and announces it; used by imports and upserts too. */
    @WithTransaction
    public Uni<CustomerView> insert(Customer customer, CustomerInput input) {
        if (customer.id == null) {
            customer.id = Ids.newId();
        }
        customer.createdAt = Utc.now();
        customer.updatedAt = customer.createdAt;
        List<CustomerInput.ExternalId> ids = input.externalIds() == null ? List.of() : input.externalIds();
        return ensurePhoneFree(customer.phone, null)
                .flatMap(ignored -> customers.persist(customer))
                .flatMap(ignored -> customers.flush())
                .flatMap(ignored -> customers.linkExternalIds(customer.id, ids))
                .flatMap(ignored -> announce(CREATED, customer));
    }

    @WithSession
    public Uni<CustomerView> get(UUID id, Caller caller) {
        return customers
                .findById(id)
                .map(c -> CustomerAccess.requireVisible(caller, c, id))
                .flatMap(this::view)
                .map(view -> CustomerAccess.present(caller, view));
    }

    @WithTransaction
    public Uni<CustomerView> replace(UUID id, CustomerInput input, Long expectedVersion, Caller caller) {
        return customers
                .findById(id)
                .map(c -> CustomerAccess.requireVisible(caller, c, id))
                .flatMap(c -> {
                    requireActive(c);
                    ETags.check(expectedVersion, c.version);
                    return update(c, input, caller);
                })
                .map(view -> CustomerAccess.present(caller, view));
    }

    /** Result of an upsert: the customer and whether it was created. */
    public record Upserted(CustomerView customer, boolean created) {}

    /**
     * Creates or replaces the customer a partner system knows by (source, externalId). An id that
     * is not known yet falls back to the normalised phone, then email, so no duplicate is made.
     */
    @WithTransaction
    public Uni<Upserted> upsertByExternalId(String source, String externalId, CustomerInput input, Caller caller) {
        if (caller.partnerSource() != null && !caller.partnerSource().equals(source)) {
            throw ProblemException.forbidden(
                    "This partner key may only write external ids of source " + caller.partnerSource());
        }
        List<CustomerInput.ExternalId> ids = new ArrayList<>();
        ids.add(new CustomerInput.ExternalId(source, externalId));
        if (input.externalIds() != null) {
            input.externalIds().stream().filter(x -> !ids.contains(x)).forEach(ids::add);
        }
        CustomerInput withId = withExternalIds(input, ids);
        Customer probe = new Customer();
        apply(probe, withId, caller);
        return customers
                .findByExternalId(source, externalId)
                .flatMap(
                        found -> found != null ? Uni.createFrom().item(found) : findByContact(probe.phone, probe.email))
                .flatMap(found -> {
                    if (found == null) {
                        return insert(probe, withId).map(v -> new Upserted(v, true));
                    }
                    CustomerAccess.requireVisible(caller, found, source + "/" + externalId);
                    requireActive(found);
                    return update(found, withId, caller).map(v -> new Upserted(v, false));
                })
                .map(u -> new Upserted(CustomerAccess.present(caller, u.customer()), u.created()));
    }

    @WithSession
    public Uni<Page<CustomerView>> search(CustomerSearch criteria, PageRequest page, Caller caller) {
        UUID after = page.after() == null ? null : Ids.parse(page.after(), "Cursor");
        CustomerSearch normalized = new CustomerSearch(
                blankToNull(criteria.q()),
                blankToNull(criteria.name()),
                blankToNull(criteria.phone()) == null
                        ? null
                        : contacts.phone(criteria.phone())
                                .orElse(criteria.phone().trim()),
                blankToNull(criteria.email()),
                blankToNull(criteria.tag()),
                blankToNull(criteria.city()),
                blankToNull(criteria.owner()));
        return customers
                .search(normalized, CustomerAccess.restrictedToOwner(caller), after, page.fetchSize())
                .flatMap(this::views)
                .map(views -> page.page(
                        views.stream()
                                .map(v -> CustomerAccess.present(caller, v))
                                .toList(),
                        v -> v.id().toString()));
    }

    @WithSession
    public Uni<CustomerContacts> contacts(List<UUID> ids) {
        return customers
                .list("id in ?1 and status = ?2", ids, Customer.Status.ACTIVE)
                .map(found -> new CustomerContacts(
                        found.stream().map(CustomerContact::of).toList()));
    }

    /** The unmasked view with external ids. */
    @WithSession
    public Uni<CustomerView> view(Customer customer) {
        return customers.externalIds(customer.id).map(ids -> CustomerView.of(customer, ids));
    }

    /** Unmasked views of several customers, their external ids read in one query. */
    @WithSession
    public Uni<List<CustomerView>> views(List<Customer> list) {
        return customers.externalIds(list.stream().map(c -> c.id).toList()).map(ids -> list.stream()
                .map(c -> CustomerView.of(c, ids.getOrDefault(c.id, List.of())))
                .toList());
    }

    Uni<CustomerView> announce(String type, Customer customer) {
        return view(customer).call(view -> outbox.append(type, customer.id, view));
    }

    /**
     * Applies input to a customer. A write that changes nothing keeps the version and emits no
     * event, so partners can re-send their records freely.
     */
    private Uni<CustomerView> update(Customer customer, CustomerInput input, Caller caller) {
        String previousPhone = customer.phone;
        List<CustomerInput.ExternalId> ids = input.externalIds() == null ? List.of() : input.externalIds();
        return customers.externalIds(customer.id).flatMap(linked -> {
            CustomerView before = CustomerView.of(customer, linked);
            apply(customer, input, caller);
            if (CustomerView.of(customer, linked).equals(before) && linked.containsAll(ids)) {
                return Uni.createFrom().item(before);
            }
            customer.updatedAt = Utc.now();
            Uni<Void> phoneCheck = customer.phone != null && !customer.phone.equals(previousPhone)
                    ? ensurePhoneFree(customer.phone, customer.id)
                    : Uni.createFrom().voidItem();
            return phoneCheck
                    .flatMap(ignored -> customers.flush())
                    .flatMap(ignored -> customers.linkExternalIds(customer.id, ids))
                    .flatMap(ignored -> announce(UPDATED, customer));
        });
    }

    private Uni<Customer> findByContact(String phone, String email) {
        Uni<Customer> byPhone = phone == null ? Uni.createFrom().nullItem() : customers.findActiveByPhone(phone);
        return byPhone.flatMap(found ->
                found != null || email == null ? Uni.createFrom().item(found) : customers.findActiveByEmail(email));
    }

    private Uni<Void> ensurePhoneFree(String phone, UUID self) {
        if (phone == null) {
            return Uni.createFrom().voidItem();
        }
        return customers
                .findActiveByPhone(phone)
                .invoke(other -> {
                    if (other != null && !other.id.equals(self)) {
                        throw new ProblemException(Problem.of(
                                        409,
                                        "duplicate-phone",
                                        "Duplicate phone",
                                        "Another customer has this phone number")
                                .withErrors(
                                        List.of(new Problem.FieldError("phone", "belongs to customer " + other.id))));
                    }
                })
                .replaceWithVoid();
    }

    /** Copies validated input onto the entity, normalising contacts. */
    void apply(Customer c, CustomerInput in, Caller caller) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String phone = null;
        if (in.phone() != null && !in.phone().isBlank()) {
            phone = contacts.phone(in.phone()).orElse(null);
            if (phone == null) {
                errors.add(new Problem.FieldError("phone", "is not a valid phone number"));
            }
        }
        String email = null;
        if (in.email() != null && !in.email().isBlank()) {
            email = contacts.email(in.email()).orElse(null);
            if (email == null) {
                errors.add(new Problem.FieldError("email", "is not a valid email address"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        c.kind = in.kind();
        c.name = in.name().trim();
        c.gender = in.gender();
        c.birthDate = in.birthDate();
        c.phone = phone;
        c.email = email;
        CustomerInput.Address a = in.address();
        c.province = a == null ? null : a.province();
        c.city = a == null ? null : a.city();
        c.district = a == null ? null : a.district();
        c.addressLine = a == null ? null : a.line();
        c.areaType = in.areaType();
        c.locality = in.locality();
        c.industry = in.industry();
        c.companySize = in.companySize();
        c.needs = in.needs() == null
                ? new String[0]
                : in.needs().stream().map(Enum::name).distinct().toArray(String[]::new);
        c.preferredCategories = distinct(in.preferredCategories());
        c.preferredChannels = in.preferredChannels() == null
                ? new String[0]
                : in.preferredChannels().stream().map(Enum::name).distinct().toArray(String[]::new);
        c.tags = distinct(in.tags());
        c.ownerId = CustomerAccess.ownerFor(caller, in.ownerId());
        c.membershipTier = in.membershipTier();
    }

    public static void requireActive(Customer c) {
        if (!c.isActive()) {
            throw ProblemException.conflict("Customer " + c.id + " is "
                    + c.status.name().toLowerCase() + (c.mergedInto != null ? " into " + c.mergedInto : ""));
        }
    }

    private static CustomerInput withExternalIds(CustomerInput in, List<CustomerInput.ExternalId> ids) {
        return new CustomerInput(
                in.kind(),
                in.name(),
                in.gender(),
                in.birthDate(),
                in.phone(),
                in.email(),
                in.address(),
                in.areaType(),
                in.locality(),
                in.industry(),
                in.companySize(),
                in.needs(),
                in.preferredCategories(),
                in.preferredChannels(),
                in.tags(),
                in.ownerId(),
                in.membershipTier(),
                ids);
    }

    private static String[] distinct(List<String> values) {
        return values == null
                ? new String[0]
                : values.stream().map(String::trim).distinct().toArray(String[]::new);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
