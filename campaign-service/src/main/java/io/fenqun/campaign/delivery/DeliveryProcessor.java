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
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Sends one batch: claim due messages, check the contact policy for each at this moment, fetch
 * contact details, render, hand over to the channel, record the outcome. Three short transactions;
 * the provider call happens outside them, after the hand-over is recorded, so a sender that dies
 * at any point leaves each message either due again or, where a repeat could reach a person twice,
 * IN_DOUBT.
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
        return Panache.withTransaction(() -> claimAndDecide(sender, size, now))
                .flatMap(batch -> batch.sending().isEmpty()
                        ? Uni.createFrom().item(batch.claimed())
                        : send(sender, batch, now).replaceWith(batch.claimed()));
    }

    /** Takes back the messages of senders whose lease ran out. */
    public Uni<Integer> recoverExpired() {
        return Panache.withTransaction(() -> store.recoverExpired(idempotentChannels(), Utc.now()));
    }

    private record Batch(
            int claimed, List<Claimed> sending, Map<UUID, Campaign> campaigns, Map<UUID, IssuedCoupon> coupons) {}

    private Uni<Batch> claimAndDecide(String sender, int size, OffsetDateTime now) {
        return store.claim(sender, size, now, now.plus(config.lease())).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(new Batch(0, List.of(), Map.of(), Map.of()));
            }
            return load(claimed).flatMap(byId -> policies.settings().flatMap(settings -> {
                Map<UUID, Purpose> purposes = new HashMap<>();
                byId.forEach((id, c) -> purposes.put(id, c.definition().purpose()));
                LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
                List<Claimed> capped = claimed.stream()
                        .filter(c -> purposes.get(c.campaignId()) == Purpose.MARKETING && !c.capCounted())
                        .toList();
                return store.lockCaps(
                                capped.stream().map(Claimed::customerId).toList(),
                                capped.stream().map(Claimed::channel).toList(),
                                today)
                        .flatMap(locked -> store.facts(
                                claimed,
                                purposes,
                                today,
                                today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))))
                        .flatMap(facts -> decide(sender, claimed, facts, byId, settings.settings(), today, now));
            }));
        });
    }

    private Uni<Batch> decide(
            String sender,
            List<Claimed> claimed,
            List<ContactFacts> facts,
            Map<UUID, Campaign> byId,
            PolicySettings settings,
            LocalDate today,
            OffsetDateTime now) {
        ContactPolicy policy = new ContactPolicy(settings, zone, now);
        Map<UUID, Claimed> claimedById = claimed.stream().collect(Collectors.toMap(Claimed::id, c -> c));
        List<DeliveryStore.Settled> settled = new ArrayList<>();
        List<Claimed> sending = new ArrayList<>();
        for (ContactFacts f : facts) {
            Claimed c = claimedById.get(f.deliveryId());
            CampaignInput definition = byId.get(c.campaignId()).definition();
            ContactDecision decision = policy.decide(f, definition.honoursPreferredDay());
            if (decision instanceof ContactDecision.Exclude exclude) {
                settled.add(new DeliveryStore.Settled(
                        c.id(), "EXCLUDED", exclude.reason().name(), null, null, false));
            } else if (decision instanceof ContactDecision.Defer defer) {
                settled.add(new DeliveryStore.Settled(c.id(), "PENDING", defer.why(), defer.until(), null, true));
            } else {
                sending.add(c);
            }
        }
        List<Claimed> newlyCapped = sending.stream()
                .filter(c -> byId.get(c.campaignId()).definition().purpose() == Purpose.MARKETING && !c.capCounted())
                .toList();
        return store.settle(sender, settled, now)
                .flatMap(ignored -> store.countAgainstCaps(newlyCapped, today))
                .flatMap(ignored -> store.coupons(couponRequests(sending, byId, now)))
                .map(coupons -> new Batch(claimed.size(), sending, byId, coupons));
    }

    private Uni<Map<UUID, Campaign>> load(List<Claimed> claimed) {
        return Multi.createFrom()
                .iterable(claimed.stream().map(Claimed::campaignId).distinct().toList())
                .onItem()
                .transformToUniAndConcatenate(campaigns::find)
                .collect()
                .asMap(Campaign::id);
    }

    private static List<DeliveryStore.CouponRequest> couponRequests(
            List<Claimed> sending, Map<UUID, Campaign> byId, OffsetDateTime now) {
        List<DeliveryStore.CouponRequest> requests = new ArrayList<>();
        for (Claimed c : sending) {
            CampaignInput.Coupon coupon = byId.get(c.campaignId()).definition().coupon();
            if (coupon != null) {
                requests.add(new DeliveryStore.CouponRequest(
                        CouponCodes.next(coupon.prefix()),
                        c.campaignId(),
                        c.id(),
                        c.customerId(),
                        now,
                        now.plusDays(coupon.validDays())));
            }
        }
        return requests;
    }

    private Uni<Void> send(String sender, Batch batch, OffsetDateTime now) {
        return contacts.lookup(batch.sending().stream().map(Claimed::customerId).toList())
                .onFailure()
                .recoverWithItem(e -> null)
                .flatMap(found -> found == null
                        ? retryAll(sender, batch.sending(), "profile service unavailable for contact details", now)
                        : render(sender, batch, found, now));
    }

    private Uni<Void> render(String sender, Batch batch, Map<UUID, Contact> found, OffsetDateTime now) {
        List<DeliveryStore.Settled> unreachable = new ArrayList<>();
        Map<Channel, List<OutgoingMessage>> byChannel = new LinkedHashMap<>();
        for (Claimed c : batch.sending()) {
            Campaign campaign = batch.campaigns().get(c.campaignId());
            Contact contact = found.get(c.customerId());
            ChannelAdapter adapter = adapters.get(c.channel());
            Optional<String> address = contact == null ? Optional.empty() : adapter.address(c.customerId(), contact);
            if (address.isEmpty()) {
                unreachable.add(
                        new DeliveryStore.Settled(c.id(), "EXCLUDED", Exclusion.NO_ADDRESS.name(), null, null, false));
                continue;
            }
            try {
                MessageRenderer.Rendered rendered = renderer.render(
                        campaign, c.variant(), c.id(), contact, batch.coupons().get(c.id()));
                byChannel
                        .computeIfAbsent(c.channel(), k -> new ArrayList<>())
                        .add(new OutgoingMessage(
                                c.id(),
                                c.campaignId(),
                                c.customerId(),
                                address.get(),
                                rendered.subject(),
                                rendered.body(),
                                renderer.unsubscribeUrl(c.id()),
                                campaign.definition().webhookUrl()));
            } catch (RuntimeException e) {
                unreachable.add(new DeliveryStore.Settled(
                        c.id(), "FAILED", "template did not render: " + e.getMessage(), null, null, false));
            }
        }
        List<UUID> handed = byChannel.values().stream()
                .flatMap(List::stream)
                .map(OutgoingMessage::deliveryId)
                .toList();
        return Panache.withTransaction(
                        () -> store.settle(sender, unreachable, now).flatMap(ignored -> store.handOver(handed, now)))
                .flatMap(ignored -> Multi.createFrom()
                        .iterable(byChannel.entrySet())
                        .onItem()
                        .transformToUniAndConcatenate(e -> adapters.get(e.getKey())
                                .send(e.getValue())
                                .onFailure()
                                .recoverWithItem(error ->
                                        HttpProviderChannel.allRetry(e.getValue(), String.valueOf(error.getMessage()))))
                        .collect()
                        .in(ArrayList<SendOutcome>::new, List::addAll))
                .flatMap(outcomes -> record(sender, batch, outcomes, Utc.now()));
    }

    private Uni<Void> record(String sender, Batch batch, List<SendOutcome> outcomes, OffsetDateTime now) {
        Map<UUID, Claimed> byId = batch.sending().stream().collect(Collectors.toMap(Claimed::id, c -> c));
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
