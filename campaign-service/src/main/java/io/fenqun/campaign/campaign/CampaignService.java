package io.fenqun.campaign.campaign;

import io.fenqun.campaign.delivery.MessageRenderer;
import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Creates, changes and moves campaigns through their lifecycle. */
@ApplicationScoped
public class CampaignService {

    private final CampaignStore store;
    private final IdempotencyKeys idempotency;
    private final Schedules schedules;
    private final CampaignRules rules;

    public CampaignService(
            CampaignStore store, IdempotencyKeys idempotency, Schedules schedules, MessageRenderer renderer) {
        this.store = store;
        this.idempotency = idempotency;
        this.schedules = schedules;
        this.rules = new CampaignRules(renderer::problem);
    }

    @WithTransaction
    public Uni<IdempotencyKeys.Outcome<CampaignView>> create(String idempotencyKey, CampaignInput input) {
        check(input);
        return idempotency.once(
                "campaign",
                idempotencyKey,
                input,
                CampaignView.class,
                () -> store.insert(input).map(CampaignView::of),
                view -> view.id().toString(),
                201);
    }

    @WithSession
    public Uni<CampaignView> get(UUID id) {
        return existing(id).map(CampaignView::of);
    }

    @WithSession
    public Uni<Page<CampaignView>> list(CampaignStatus status, PageRequest page) {
        UUID after = page.after() == null ? null : Ids.parse(page.after(), "Cursor");
        return store.list(status, after, page.fetchSize())
                .map(found -> page.page(found.stream().map(CampaignView::of).toList(), v -> v.id().toString()));
    }

    /** Changes a draft, scheduled or paused campaign; a running one must be paused first. */
    @WithTransaction
    public Uni<CampaignView> update(UUID id, Long expectedVersion, CampaignInput input) {
        check(input);
        return locked(id).flatMap(campaign -> {
            checkVersion(campaign, expectedVersion);
            if (campaign.status() == CampaignStatus.RUNNING || campaign.status() == CampaignStatus.FINISHED) {
                throw ProblemException.conflict(
                        "A " + campaign.status().name().toLowerCase() + " campaign cannot be changed; pause it first");
            }
            return store.update(id, input)
                    .flatMap(updated -> updated.status() == CampaignStatus.SCHEDULED
                            ? store.setStatus(id, CampaignStatus.SCHEDULED, firstRun(updated))
                            : Uni.createFrom().item(updated))
                    .map(CampaignView::of);
        });
    }

    /**
     * Moves a campaign on: scheduling plans its first run (a trigger campaign starts listening at
     * once), pausing stops its messages going out, resuming lets them go again, finishing ends it.
     */
    @WithTransaction
    public Uni<CampaignView> transition(UUID id, Long expectedVersion, CampaignStatus target) {
        return locked(id).flatMap(campaign -> {
            checkVersion(campaign, expectedVersion);
            boolean startsListening = target == CampaignStatus.SCHEDULED
                    && campaign.definition().schedule().kind() == CampaignInput.ScheduleKind.TRIGGER;
            CampaignStatus next = startsListening ? CampaignStatus.RUNNING : target;
            if (!campaign.status().canBecome(target)) {
                throw ProblemException.conflict("A " + campaign.status().name().toLowerCase()
                        + " campaign cannot become " + target.name().toLowerCase());
            }
            return store.setStatus(id, next, nextRun(campaign, next)).map(CampaignView::of);
        });
    }

    private java.time.OffsetDateTime nextRun(Campaign campaign, CampaignStatus next) {
        return switch (next) {
            case SCHEDULED, RUNNING -> campaign.nextRunAt() != null ? campaign.nextRunAt() : firstRun(campaign);
            case PAUSED -> campaign.nextRunAt();
            default -> null;
        };
    }

    private java.time.OffsetDateTime firstRun(Campaign campaign) {
        return schedules.nextRun(campaign.definition().schedule(), campaign.runs(), Utc.now());
    }

    private void check(CampaignInput input) {
        List<Problem.FieldError> errors = rules.check(input);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    private static void checkVersion(Campaign campaign, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != campaign.version()) {
            throw ProblemException.preconditionFailed("The campaign changed since you read it; read it again");
        }
    }

    private Uni<Campaign> existing(UUID id) {
        return store.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Campaign", id));
    }

    private Uni<Campaign> locked(UUID id) {
        return store.lock(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Campaign", id));
    }
}
