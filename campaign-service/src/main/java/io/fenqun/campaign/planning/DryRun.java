package io.fenqun.campaign.planning;

import io.fenqun.campaign.campaign.Campaign;
import io.fenqun.campaign.campaign.CampaignStore;
import io.fenqun.campaign.campaign.Channel;
import io.fenqun.campaign.contact.ProfileContacts;
import io.fenqun.campaign.db.NativeSql;
import io.fenqun.campaign.delivery.ChannelAdapter;
import io.fenqun.campaign.delivery.Claimed;
import io.fenqun.campaign.delivery.DeliveryStore;
import io.fenqun.campaign.policy.ContactDecision;
import io.fenqun.campaign.policy.ContactFacts;
import io.fenqun.campaign.policy.ContactPolicy;
import io.fenqun.campaign.policy.PolicyStore;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A campaign run that changes nothing: it plans the audience as a real run would, puts every
 * planned message through the same contact policy the sender uses, then rolls it all back.
 */
@ApplicationScoped
public class DryRun {

    static final String OCCURRENCE = "dry-run";
    private static final int CHUNK = 5000;
    private static final int ADDRESS_SAMPLE = 1000;

    private final CampaignStore campaigns;
    private final AudiencePlanner planner;
    private final DeliveryStore deliveries;
    private final PolicyStore policies;
    private final ProfileContacts contacts;
    private final Instance<ChannelAdapter> adapters;
    private final ZoneId zone;

    public DryRun(
            CampaignStore campaigns,
            AudiencePlanner planner,
            DeliveryStore deliveries,
            PolicyStore policies,
            ProfileContacts contacts,
            Instance<ChannelAdapter> adapters,
            ZoneId zone) {
        this.campaigns = campaigns;
        this.planner = planner;
        this.deliveries = deliveries;
        this.policies = policies;
        this.contacts = contacts;
        this.adapters = adapters;
        this.zone = zone;
    }

    public Uni<DryRunReport> run(UUID campaignId) {
        OffsetDateTime now = Utc.now();
        Tally tally = new Tally();
        return Panache.withTransaction(() -> Panache.currentTransaction()
                        .invoke(tx -> tx.markForRollback())
                        .flatMap(ignored -> campaigns.find(campaignId))
                        .onItem()
                        .ifNull()
                        .failWith(() -> ProblemException.notFound("Campaign", campaignId))
                        .flatMap(campaign -> planner.planAudience(campaign, OCCURRENCE, now)
                                .flatMap(planned -> policies.settings())
                                .flatMap(settings -> evaluate(
                                        campaign, new ContactPolicy(settings.settings(), zone, now), null, tally, now))
                                .replaceWith(campaign.definition().channel())))
                .flatMap(channel -> checkAddresses(channel, tally))
                .map(ignored -> tally.report());
    }

    private Uni<Void> evaluate(Campaign campaign, ContactPolicy policy, UUID after, Tally tally, OffsetDateTime now) {
        return chunk(campaign, after).flatMap(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Claimed> planned = new ArrayList<>();
            for (Object[] r : rows) {
                tally.audience++;
                if ("HOLDOUT".equals(r[5])) {
                    tally.heldOut++;
                } else {
                    planned.add(new Claimed(
                            (UUID) r[0],
                            campaign.id(),
                            (UUID) r[1],
                            (UUID) r[2],
                            Channel.valueOf((String) r[3]),
                            (String) r[4],
                            0,
                            false));
                }
            }
            UUID last = (UUID) rows.get(rows.size() - 1)[0];
            if (planned.isEmpty()) {
                return evaluate(campaign, policy, last, tally, now);
            }
            LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
            return deliveries
                    .facts(
                            planned,
                            Map.of(campaign.id(), campaign.definition().purpose()),
                            today,
                            today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
                    .flatMap(facts -> {
                        for (ContactFacts f : facts) {
                            tally.count(
                                    f, policy.decide(f, campaign.definition().honoursPreferredDay()));
                        }
                        return evaluate(campaign, policy, last, tally, now);
                    });
        });
    }

    private Uni<List<Object[]>> chunk(Campaign campaign, UUID after) {
        return NativeSql.of(
                        """
                        SELECT id, customer_id, segment_id, channel, variant, status FROM delivery
                         WHERE campaign_id = :campaign AND occurrence = :occurrence AND id > :after
                         ORDER BY id LIMIT :limit""")
                .bind("campaign", campaign.id())
                .bind("occurrence", OCCURRENCE)
                .bind("after", after == null ? new UUID(0, 0) : after)
                .bind("limit", CHUNK)
                .rows();
    }

    private Uni<Void> checkAddresses(Channel channel, Tally tally) {
        if (tally.sample.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ChannelAdapter adapter = adapters.stream()
                .filter(a -> a.channel() == channel)
                .findFirst()
                .orElseThrow();
        return contacts.lookup(tally.sample)
                .map(found -> {
                    tally.withoutAddress = tally.sample.stream()
                            .filter(customer -> found.get(customer) == null
                                    || adapter.address(customer, found.get(customer))
                                            .isEmpty())
                            .count();
                    return found;
                })
                .replaceWithVoid();
    }

    /** Counts as the policy decides. */
    private static final class Tally {
        long audience;
        long heldOut;
        long wouldReceive;
        final Map<String, Long> deferred = new TreeMap<>();
        final Map<String, Long> excluded = new TreeMap<>();
        final List<UUID> sample = new ArrayList<>();
        long withoutAddress;

        void count(ContactFacts facts, ContactDecision decision) {
            if (decision instanceof ContactDecision.Exclude exclude) {
                excluded.merge(exclude.reason().name(), 1L, Long::sum);
            } else if (decision instanceof ContactDecision.Defer defer) {
                deferred.merge(defer.why(), 1L, Long::sum);
            } else {
                wouldReceive++;
                if (sample.size() < ADDRESS_SAMPLE) {
                    sample.add(facts.customerId());
                }
            }
        }

        DryRunReport report() {
            return new DryRunReport(audience, heldOut, wouldReceive, deferred, excluded, sample.size(), withoutAddress);
        }
    }
}
