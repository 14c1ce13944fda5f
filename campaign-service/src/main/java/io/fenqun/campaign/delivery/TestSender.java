package io.fenqun.campaign.delivery;

import io.fenqun.campaign.campaign.Campaign;
import io.fenqun.campaign.campaign.CampaignStore;
import io.fenqun.campaign.contact.Contact;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Sends a campaign's message to staff as it would look, with sample personal fields and a sample
 * coupon, marked [TEST]; nothing is recorded against customers and no policy applies.
 */
@ApplicationScoped
public class TestSender {

    private final CampaignStore campaigns;
    private final MessageRenderer renderer;
    private final Instance<ChannelAdapter> adapters;

    public TestSender(CampaignStore campaigns, MessageRenderer renderer, Instance<ChannelAdapter> adapters) {
        this.campaigns = campaigns;
        this.renderer = renderer;
        this.adapters = adapters;
    }

    public Uni<List<SendOutcome>> send(UUID campaignId, TestSendRequest request) {
        return find(campaignId).flatMap(campaign -> {
            String variant = request.variant() == null
                    ? campaign.definition().variants().get(0).name()
                    : request.variant();
            if (campaign.definition().variants().stream()
                    .noneMatch(v -> v.name().equals(variant))) {
                throw ProblemException.invalidField("variant", "is not a variant of this campaign");
            }
            ChannelAdapter adapter = adapters.stream()
                    .filter(a -> a.channel() == campaign.definition().channel())
                    .findFirst()
                    .orElseThrow();
            List<OutgoingMessage> messages = request.to().stream()
                    .map(address -> message(campaign, variant, address))
                    .toList();
            return adapter.send(messages);
        });
    }

    @WithSession
    Uni<Campaign> find(UUID id) {
        return campaigns.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Campaign", id));
    }

    private OutgoingMessage message(Campaign campaign, String variant, String address) {
        UUID delivery = Ids.newId();
        Contact sample = new Contact(null, "PERSON", "测试 Test", address, address, null, List.of(), List.of());
        IssuedCoupon coupon = campaign.definition().coupon() == null
                ? null
                : new IssuedCoupon(
                        delivery,
                        campaign.definition().coupon().prefix() + "-TEST",
                        OffsetDateTime.now()
                                .plusDays(campaign.definition().coupon().validDays()));
        MessageRenderer.Rendered rendered = renderer.render(campaign, variant, delivery, sample, coupon);
        return new OutgoingMessage(
                delivery,
                campaign.id(),
                delivery,
                address,
                "[TEST] " + (rendered.subject() == null ? campaign.definition().name() : rendered.subject()),
                rendered.body(),
                renderer.unsubscribeUrl(delivery),
                campaign.definition().webhookUrl());
    }
}
