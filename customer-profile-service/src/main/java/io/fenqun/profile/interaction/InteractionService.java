package io.fenqun.profile.interaction;

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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Logs interactions, lists them and the follow-ups that are due; every change goes to the feed. */
@ApplicationScoped
public class InteractionService {

    public static final String LOGGED = "interaction.logged";
    public static final String FOLLOW_UP_COMPLETED = "follow-up.completed";

    private static final String CURSOR_SEPARATOR = "|";

    private final InteractionRepository interactions;
    private final CustomerRepository customers;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotency;
    private final ZoneId businessZone;

    public InteractionService(
            InteractionRepository interactions,
            CustomerRepository customers,
            OutboxWriter outbox,
            IdempotencyKeys idempotency,
            @ConfigProperty(name = "fenqun.business-zone", defaultValue = "Asia/Shanghai") ZoneId businessZone) {
        this.interactions = interactions;
        this.customers = customers;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.businessZone = businessZone;
    }

    /** Logs an interaction once per Idempotency-Key (null: no key). */
    @WithTransaction
    public Uni<IdempotencyKeys.Outcome<InteractionView>> log(
            UUID customerId, String idempotencyKey, InteractionInput input, Caller caller) {
        return idempotency.once(
                caller.userId() + ":interaction.log:" + customerId,
                idempotencyKey,
                input,
                InteractionView.class,
                () -> log(customerId, input, caller),
                v -> v.id().toString(),
                201);
    }

    private Uni<InteractionView> log(UUID customerId, InteractionInput input, Caller caller) {
        String staff = StaffAttribution.staffFor(caller, input.staffId());
        OffsetDateTime now = Utc.now();
        OffsetDateTime occurredAt =
                input.occurredAt() == null ? now : input.occurredAt().withOffsetSameInstant(ZoneOffset.UTC);
        FollowUpDate followUp = FollowUpDate.parse(input.nextFollowUpAt(), businessZone, "nextFollowUpAt");
        if (followUp != null) {
            followUp.requireNotBefore(occurredAt.toInstant(), businessZone, "nextFollowUpAt");
        }
        return activeVisibleCustomer(customerId, caller).flatMap(customer -> {
            Interaction i = new Interaction();
            i.id = Ids.newId();
            i.customerId = customer.id;
            i.type = input.type();
            i.staffId = staff;
            i.occurredAt = occurredAt;
            i.summary = blankToNull(input.summary());
            i.outcome = blankToNull(input.outcome());
            if (followUp != null) {
                i.followUpOn = followUp.date();
                i.followUpAt =
                        followUp.instant() == null ? null : followUp.instant().atOffset(ZoneOffset.UTC);
                i.followUpStatus = Interaction.FollowUpStatus.OPEN;
            }
            i.createdAt = now;
            return interactions
                    .persist(i)
                    .flatMap(ignored -> interactions.flush())
                    .flatMap(ignored -> announce(LOGGED, i))
                    .map(view -> present(caller, view));
        });
    }

    @WithSession
    public Uni<InteractionView> get(UUID id, Caller caller) {
        return visibleInteraction(id, caller).map(i -> present(caller, InteractionView.of(i)));
    }

    /** A customer's interactions, newest first. */
    @WithSession
    public Uni<Page<InteractionView>> ofCustomer(UUID customerId, PageRequest page, Caller caller) {
        String[] cursor = cursorParts(page);
        OffsetDateTime beforeAt = cursor == null ? null : parseCursorInstant(cursor[0]);
        UUID beforeId = cursor == null ? null : parseCursorId(cursor[1]);
        return customers
                .findById(customerId)
                .map(c -> CustomerAccess.requireVisible(caller, c, customerId))
                .flatMap(c -> interactions.ofCustomer(customerId, beforeAt, beforeId, page.fetchSize()))
                .map(list -> page.page(
                        list.stream()
                                .map(i -> present(caller, InteractionView.of(i)))
                                .toList(),
                        v -> v.occurredAt().toInstant() + CURSOR_SEPARATOR + v.id()));
    }

    /**
     * Open follow-ups of one owner due on or before a business date (today in the business time
     * zone by default). Without an owner the caller's own; sales staff see only their own.
     */
    @WithSession
    public Uni<Page<DueFollowUp>> due(String owner, String before, PageRequest page, Caller caller) {
        String effectiveOwner = owner == null || owner.isBlank() ? caller.userId() : owner.trim();
        String restricted = CustomerAccess.restrictedToOwner(caller);
        if (restricted != null && !restricted.equals(effectiveOwner)) {
            throw ProblemException.forbidden("Sales staff see only their own follow-ups");
        }
        LocalDate dueBy = before == null || before.isBlank() ? LocalDate.now(businessZone) : parseDate(before);
        String[] cursor = cursorParts(page);
        LocalDate afterOn = cursor == null ? null : parseCursorDate(cursor[0]);
        UUID afterId = cursor == null ? null : parseCursorId(cursor[1]);
        return interactions
                .due(effectiveOwner, restricted, dueBy, afterOn, afterId, page.fetchSize())
                .flatMap(list -> customerNames(list).map(names -> list.stream()
                        .map(i -> new DueFollowUp(names.get(i.customerId), present(caller, InteractionView.of(i))))
                        .toList()))
                .map(items -> page.page(
                        items,
                        d -> d.interaction().nextFollowUpOn()
                                + CURSOR_SEPARATOR
                                + d.interaction().id()));
    }

    /** Marks an open follow-up done; a stale If-Match is a 412, a follow-up not open a 409. */
    @WithTransaction
    public Uni<InteractionView> completeFollowUp(
            UUID id, FollowUpCompletion completion, Long expectedVersion, Caller caller) {
        return visibleInteraction(id, caller).flatMap(i -> {
            if (i.followUpStatus != Interaction.FollowUpStatus.OPEN) {
                throw ProblemException.conflict(
                        "Interaction " + id + " has no open follow-up (" + i.followUpStatus.name() + ")");
            }
            ETags.check(expectedVersion, i.version);
            i.followUpStatus = Interaction.FollowUpStatus.DONE;
            i.completedAt = Utc.now();
            i.completedBy = caller.userId();
            i.completionNote = completion == null ? null : blankToNull(completion.note());
            return interactions
                    .flush()
                    .flatMap(ignored -> announce(FOLLOW_UP_COMPLETED, i))
                    .map(view -> present(caller, view));
        });
    }

    private Uni<InteractionView> announce(String type, Interaction i) {
        InteractionView view = InteractionView.of(i);
        return outbox.append(type, i.customerId, view).replaceWith(view);
    }

    private Uni<Customer> activeVisibleCustomer(UUID customerId, Caller caller) {
        return customers.findById(customerId).map(c -> {
            CustomerAccess.requireVisible(caller, c, customerId);
            CustomerService.requireActive(c);
            return c;
        });
    }

    /** An interaction of a customer the caller may see; any other is reported as not existing. */
    private Uni<Interaction> visibleInteraction(UUID id, Caller caller) {
        return interactions.findById(id).flatMap(i -> {
            if (i == null) {
                throw ProblemException.notFound("Interaction", id);
            }
            return customers.findById(i.customerId).map(c -> {
                if (c == null || !CustomerAccess.canSee(caller, c)) {
                    throw ProblemException.notFound("Interaction", id);
                }
                return i;
            });
        });
    }

    private Uni<Map<UUID, String>> customerNames(List<Interaction> list) {
        List<UUID> ids = list.stream().map(i -> i.customerId).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return customers.list("id in ?1", ids).map(found -> found.stream()
                .filter(c -> c.name != null)
                .collect(Collectors.toMap(c -> c.id, c -> c.name)));
    }

    private static InteractionView present(Caller caller, InteractionView view) {
        return CustomerAccess.seesPersonalData(caller) ? view : view.toMasked();
    }

    private static String[] cursorParts(PageRequest page) {
        if (page.after() == null) {
            return null;
        }
        String[] parts = page.after().split(java.util.regex.Pattern.quote(CURSOR_SEPARATOR), 2);
        if (parts.length != 2) {
            throw badCursor();
        }
        return parts;
    }

    private static OffsetDateTime parseCursorInstant(String text) {
        return parseCursor(text, t -> java.time.Instant.parse(t).atOffset(ZoneOffset.UTC));
    }

    private static LocalDate parseCursorDate(String text) {
        return parseCursor(text, LocalDate::parse);
    }

    private static UUID parseCursorId(String text) {
        return parseCursor(text, UUID::fromString);
    }

    private static <T> T parseCursor(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw badCursor();
        }
    }

    private static ProblemException badCursor() {
        return ProblemException.invalidField("cursor", "is not a cursor this API returned");
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("before", "must be a date like 2026-11-25");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
