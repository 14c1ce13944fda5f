package io.fenqun.campaign.delivery;

import io.fenqun.campaign.campaign.Campaign;
import io.fenqun.campaign.campaign.CampaignInput;
import io.fenqun.campaign.campaign.CampaignStore;
import io.fenqun.campaign.campaign.Channel;
import io.fenqun.campaign.campaign.Purpose;
import io.fenqun.campaign.contact.Contact;
import io.fenqun.campaign.contact.ProfileContacts;
import io.fenqun.campaign.coupon.CouponCodes;
import io.fenqun.campaign.policy.ContactDecision;
import io.fenqun.campaign.policy.ContactFacts;
import io.fenqun.campaign.policy.ContactPolicy;
import io.fenqun.campaign.policy.Exclusion;
import io.fenqun.campaign.policy.PolicySettings;
import io.fenqun.campaign.policy.PolicyStore;
import io.fenqun.kit.feed.OutboxWriter;
import io.fenqun.kit.time.Utc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Sends one batch in three short transactions: claim due messages; then, with contact details
 * already fetched, decide for each under the contact policy at this moment, render it and record
 * the hand-over; then, after the provider calls (outside any transaction), record the outcome. A
 * sender that dies at any point leaves each message either due again or, where a repeat could
 * reach a person twice, IN_DOUBT.
 */
@ApplicationScoped
public class DeliveryProcessor {

    private final DeliveryStore store;
    private final CampaignStore campaigns;
    private final PolicyStore policies;
    private final ProfileContacts contacts;
    private final MessageRenderer renderer;
    private final OutboxWriter outbox;
    private final ZoneId zone;
    private final DeliveryConfig config;
    private final Map<Channel, ChannelAdapter> adapters = new EnumMap<>(Channel.class);

    public DeliveryProcessor(
            DeliveryStore store,
            CampaignStore campaigns,
            PolicyStore policies,
            ProfileContacts contacts,
            MessageRenderer renderer,
            OutboxWriter outbox,
            ZoneId zone,
            DeliveryConfig config,
            Instance<ChannelAdapter> adapters) {
        this.store = store;
        this.campaigns = campaigns;
        this.policies = policies;
        this.contacts = contacts;
        this.renderer = renderer;
        this.outbox = outbox;
        this.zone = zone;
        this.config = config;
        adapters.forEach(adapter -> this.adapters.put(adapter.channel(), adapter));
    }

    public List<Channel> idempotentChannels() {
        return adapters.values().stream()
                .filter(ChannelAdapter::idempotent)
                .map(ChannelAdapter::channel)
                .toList();
    }

    /** Processes one batch for {@code sender}; returns how many messages it claimed (0: nothing due). */
    public Uni<Integer> processBatch(String sender, int size) {
        OffsetDateTime now = Utc.now();
        return Panache.withTransaction(() -> claim(sender, size, now)).flatMap(batch -> {
            if (batch.claimed().isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return contacts.lookup(
                            batch.claimed().stream().map(Claimed::customerId).toList())
                    .onFailure()
                    .recoverWithItem(e -> null)
                    .flatMap(found -> found == null
                            ? retryAll(sender, batch.claimed(), "profile service unavailable for contact details", now)
                            : Panache.withTransaction(() -> decideAndHandOver(sender, batch, found, Utc.now()))
                                    .flatMap(outgoing -> send(sender, batch, outgoing)))
                    .replaceWith(batch.claimed().size());
        });
    }

    /** Takes back the messages of senders whose lease ran out. */
    public Uni<Integer> recoverExpired() {
        return Panache.withTransaction(() -> store.recoverExpired(idempotentChannels(), Utc.now()));
    }

    private record Batch(
            List<Claimed> claimed,
            Map<UUID, Campaign> campaigns,
            PolicySettings settings,
            Map<UUID, IssuedCoupon> earlierCoupons) {

        CampaignInput definition(Claimed c) {
            return campaigns.get(c.campaignId()).definition();
        }

        boolean capped(Claimed c) {
            return definition(c).purpose() == Purpose.MARKETING && !c.capCounted();
        }
    }

    private Uni<Batch> claim(String sender, int size, OffsetDateTime now) {
        return store.claim(sender, size, now, now.plus(config.lease())).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(new Batch(List.of(), Map.of(), null, Map.of()));
            }
            // Only a message tried before can have a coupon already; it keeps its code.
            List<UUID> retried = claimed.stream()
                    .filter(c -> c.attempts() > 1)
                    .map(Claimed::id)
                    .toList();
            return load(claimed).flatMap(byId -> policies.settings().flatMap(settings -> store.coupons(retried)
                    .map(coupons -> new Batch(claimed, byId, settings.settings(), coupons))));
        });
    }

    private Uni<Map<UUID, Campaign>> load(List<Claimed> claimed) {
        return Multi.createFrom()
                .iterable(claimed.stream().map(Claimed::campaignId).distinct().toList())
                .onItem()
                .transformToUniAndConcatenate(campaigns::find)
                .collect()
                .asMap(Campaign::id);
    }

    /**
     * Holds the cap counters of the batch's customers, reads the policy facts, decides and renders
     * each message, issues its coupon and records it as handed over (or why not), all in one
     * transaction so that a concurrent sender reads the counts this one adds. Returns the messages
     * to hand to their channels.
     */
    private Uni<List<OutgoingMessage>> decideAndHandOver(
            String sender, Batch batch, Map<UUID, Contact> found, OffsetDateTime now) {
        LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
        List<Claimed> capped = batch.claimed().stream().filter(batch::capped).toList();
        Map<UUID, Purpose> purposes = new HashMap<>();
        batch.campaigns().forEach((id, c) -> purposes.put(id, c.definition().purpose()));
        return store.lockCaps(
                        capped.stream().map(Claimed::customerId).toList(),
                        capped.stream().map(Claimed::channel).toList(),
                        today)
                .flatMap(locked -> store.facts(
                        batch.claimed(),
                        purposes,
                        today,
                        today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))))
                .flatMap(facts -> {
                    Decisions decisions = decide(batch, facts, found, now);
                    return store.issueCoupons(decisions.newCoupons())
                            .flatMap(issued -> {
                                decisions.dropUnissued(issued);
                                return store.countAgainstCaps(
                                                decisions.outgoing.stream()
                                                        .map(m -> decisions.claimed.get(m.deliveryId()))
                                                        .filter(batch::capped)
                                                        .toList(),
                                                today)
                                        .flatMap(ignored -> store.handOver(sender, decisions.settled(batch), now));
                            })
                            .map(held -> decisions.outgoing.stream()
                                    .filter(m -> held.contains(m.deliveryId()))
                                    .toList());
                });
    }

    /** The outcome of deciding a batch: messages to send, the rest with why, and coupons to issue. */
    private static final class Decisions {
        final Map<UUID, Claimed> claimed = new HashMap<>();
        final List<DeliveryStore.Settled> leaving = new ArrayList<>();
        final List<OutgoingMessage> outgoing = new ArrayList<>();
        final Map<UUID, DeliveryStore.CouponRequest> coupons = new HashMap<>();

        List<DeliveryStore.CouponRequest> newCoupons() {
            return List.copyOf(coupons.values());
        }

        /** A code that collided with one issued before waits for the next attempt, with a new code. */
        void dropUnissued(Set<UUID> issued) {
            outgoing.removeIf(m -> {
                if (!coupons.containsKey(m.deliveryId()) || issued.contains(m.deliveryId())) {
                    return false;
                }
                leaving.add(new DeliveryStore.Settled(
                        m.deliveryId(), "PENDING", "coupon code collided", Utc.now(), null, true));
                return true;
            });
        }

        List<DeliveryStore.Settled> settled(Batch batch) {
            List<DeliveryStore.Settled> all = new ArrayList<>(leaving);
            for (OutgoingMessage m : outgoing) {
                all.add(DeliveryStore.Settled.handedOver(m.deliveryId(), batch.capped(claimed.get(m.deliveryId()))));
            }
            return all;
        }
    }

    private Decisions decide(Batch batch, List<ContactFacts> facts, Map<UUID, Contact> found, OffsetDateTime now) {
        ContactPolicy policy = new ContactPolicy(batch.settings(), zone, now);
        Decisions decisions = new Decisions();
        batch.claimed().forEach(c -> decisions.claimed.put(c.id(), c));
        for (ContactFacts f : facts) {
            Claimed c = decisions.claimed.get(f.deliveryId());
            Campaign campaign = batch.campaigns().get(c.campaignId());
            ContactDecision decision = policy.decide(f, campaign.definition().honoursPreferredDay());
            if (decision instanceof ContactDecision.Exclude exclude) {
                decisions.leaving.add(new DeliveryStore.Settled(
                        c.id(), "EXCLUDED", exclude.reason().name(), null, null, false));
                continue;
            }
            if (decision instanceof ContactDecision.Defer defer) {
                decisions.leaving.add(
                        new DeliveryStore.Settled(c.id(), "PENDING", defer.why(), defer.until(), null, true));
                continue;
            }
            Contact contact = found.get(c.customerId());
            ChannelAdapter adapter = adapters.get(c.channel());
            Optional<String> address = contact == null ? Optional.empty() : adapter.address(c.customerId(), contact);
            if (address.isEmpty()) {
                decisions.leaving.add(
                        new DeliveryStore.Settled(c.id(), "EXCLUDED", Exclusion.NO_ADDRESS.name(), null, null, false));
                continue;
            }
            IssuedCoupon coupon = batch.earlierCoupons().get(c.id());
            CampaignInput.Coupon offer = campaign.definition().coupon();
            if (coupon == null && offer != null) {
                DeliveryStore.CouponRequest request = new DeliveryStore.CouponRequest(
                        CouponCodes.next(offer.prefix()),
                        c.campaignId(),
                        c.id(),
                        c.customerId(),
                        now,
                        now.plusDays(offer.validDays()));
                decisions.coupons.put(c.id(), request);
                coupon = new IssuedCoupon(c.id(), request.code(), request.validUntil());
            }
            try {
                MessageRenderer.Rendered rendered = renderer.render(campaign, c.variant(), c.id(), contact, coupon);
                decisions.outgoing.add(new OutgoingMessage(
                        c.id(),
                        c.campaignId(),
                        c.customerId(),
                        address.get(),
                        rendered.subject(),
                        rendered.body(),
                        renderer.unsubscribeUrl(c.id()),
                        campaign.definition().webhookUrl()));
            } catch (RuntimeException e) {
                decisions.coupons.remove(c.id());
                decisions.leaving.add(new DeliveryStore.Settled(
                        c.id(), "FAILED", "template did not render: " + e.getMessage(), null, null, false));
            }
        }
        return decisions;
    }

    private Uni<Void> send(String sender, Batch batch, List<OutgoingMessage> outgoing) {
        Map<Channel, List<OutgoingMessage>> byChannel = new LinkedHashMap<>();
        Map<UUID, Claimed> byId = batch.claimed().stream().collect(Collectors.toMap(Claimed::id, c -> c));
        for (OutgoingMessage m : outgoing) {
            byChannel
                    .computeIfAbsent(byId.get(m.deliveryId()).channel(), k -> new ArrayList<>())
                    .add(m);
        }
        return Multi.createFrom()
                .iterable(byChannel.entrySet())
                .onItem()
                .transformToUniAndConcatenate(e -> adapters.get(e.getKey())
                        .send(e.getValue())
                        .onFailure()
                        .recoverWithItem(error ->
                                HttpProviderChannel.allRetry(e.getValue(), String.valueOf(error.getMessage()))))
                .collect()
                .in(ArrayList<SendOutcome>::new, List::addAll)
                .flatMap(outcomes -> record(sender, byId, outcomes, Utc.now()));
    }

    private Uni<Void> record(String sender, Map<UUID, Claimed> byId, List<SendOutcome> outcomes, OffsetDateTime now) {
        List<DeliveryStore.Settled> settled = new ArrayList<>();
        List<UUID> sentTo = new ArrayList<>();
        List<DeliveryEvent> sent = new ArrayList<>();
        for (SendOutcome outcome : outcomes) {
            Claimed c = byId.get(outcome.deliveryId());
            switch (outcome.result()) {
                case ACCEPTED -> {
                    settled.add(
                            new DeliveryStore.Settled(c.id(), "SENT", null, null, outcome.providerMessageId(), false));
                    sentTo.add(c.customerId());
                    sent.add(new DeliveryEvent(
                            c.id(),
                            c.campaignId(),
                            c.customerId(),
                            c.channel().name(),
                            c.variant(),
                            c.segmentId(),
                            null,
                            null,
                            now));
                }
                case REJECTED -> settled.add(
                        new DeliveryStore.Settled(c.id(), "FAILED", outcome.error(), null, null, false));
                case RETRY -> settled.add(retry(c, outcome.error(), now));
            }
        }
        return Panache.withTransaction(() -> store.settle(sender, settled, now)
                        .flatMap(ignored -> outbox.appendAll(DeliveryEvent.SENT, sentTo, sent)))
                .replaceWithVoid();
    }

    private Uni<Void> retryAll(String sender, List<Claimed> claimed, String why, OffsetDateTime now) {
        List<DeliveryStore.Settled> settled =
                claimed.stream().map(c -> retry(c, why, now)).toList();
        return Panache.withTransaction(() -> store.settle(sender, settled, now));
    }

    private static DeliveryStore.Settled retry(Claimed c, String why, OffsetDateTime now) {
        return c.attempts() >= Backoff.MAX_ATTEMPTS
                ? new DeliveryStore.Settled(c.id(), "FAILED", why, null, null, false)
                : new DeliveryStore.Settled(c.id(), "PENDING", why, now.plus(Backoff.after(c.attempts())), null, false);
    }
}
