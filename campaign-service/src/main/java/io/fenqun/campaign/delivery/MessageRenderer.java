package io.fenqun.campaign.delivery;

import io.fenqun.campaign.campaign.Campaign;
import io.fenqun.campaign.campaign.CampaignInput;
import io.fenqun.campaign.campaign.Channel;
import io.fenqun.campaign.contact.Contact;
import io.fenqun.campaign.tracking.TrackingLinks;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a variant's Qute templates for one recipient. Templates see {@code customer.name},
 * {@code coupon.code}, {@code coupon.validUntil}, {@code coupon.description}, {@code links.click},
 * {@code links.unsubscribe}, {@code recommendations} (name, category, price, url) and
 * {@code campaign.name}.
 */
@ApplicationScoped
public class MessageRenderer {

    @TemplateData
    public record Recipient(String name) {}

    @TemplateData
    public record CouponFields(String code, String validUntil, String description) {}

    @TemplateData
    public record Links(String click, String unsubscribe) {}

    @TemplateData
    public record CampaignFields(String name) {}

    /** A rendered subject (null for channels without one) and body. */
    public record Rendered(String subject, String body) {}

    private final Engine engine;
    private final TrackingLinks links;
    private final ZoneId zone;
    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    public MessageRenderer(Engine engine, TrackingLinks links, ZoneId zone) {
        this.engine = engine;
        this.links = links;
        this.zone = zone;
    }

    public Rendered render(
            Campaign campaign, String variantName, UUID deliveryId, Contact contact, IssuedCoupon coupon) {
        CampaignInput definition = campaign.definition();
        CampaignInput.Variant variant = definition.variants().stream()
                .filter(v -> v.name().equals(variantName))
                .findFirst()
                .orElse(definition.variants().get(0));
        String locale = definition.localeOrDefault();
        CampaignInput.Template template = variant.templates().get(locale);
        Map<String, Object> data = data(definition, deliveryId, contact, coupon);
        String key = campaign.id() + "/" + campaign.version() + "/" + variant.name() + "/" + locale;
        String subject = template.subject() == null
                ? null
                : template(key + "/subject", template.subject()).render(data);
        String body = template(key + "/body", template.body()).render(data);
        if (definition.channel() == Channel.EMAIL) {
            body = body + "<img src=\"" + links.open(deliveryId) + "\" width=\"1\" height=\"1\" alt=\"\">";
        }
        return new Rendered(subject, body);
    }

    public String unsubscribeUrl(UUID deliveryId) {
        return links.unsubscribe(deliveryId);
    }

    /** Why a template would not render (syntax, unknown field), or empty; tried with sample data. */
    public Optional<String> problem(String text) {
        try {
            engine.parse(text).render(sample());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("does not render: " + e.getMessage());
        }
    }

    private Template template(String key, String text) {
        return parsed.computeIfAbsent(key, ignored -> engine.parse(text));
    }

    private Map<String, Object> data(CampaignInput definition, UUID deliveryId, Contact contact, IssuedCoupon coupon) {
        return Map.of(
                "customer", new Recipient(contact == null || contact.name() == null ? "" : contact.name()),
                "coupon",
                        coupon == null
                                ? new CouponFields("", "", "")
                                : new CouponFields(
                                        coupon.code(),
                                        coupon.validUntil()
                                                .atZoneSameInstant(zone)
                                                .toLocalDate()
                                                .toString(),
                                        definition.coupon() == null
                                                        || definition.coupon().description() == null
                                                ? ""
                                                : definition.coupon().description()),
                "links",
                        new Links(
                                definition.landingUrl() == null ? "" : links.click(deliveryId),
                                links.unsubscribe(deliveryId)),
                "recommendations", recommendations(definition.productsOrEmpty(), contact),
                "campaign", new CampaignFields(definition.name()));
    }

    /** Products in the customer's preferred categories first; three at most. */
    static List<CampaignInput.Product> recommendations(List<CampaignInput.Product> products, Contact contact) {
        List<String> preferred =
                contact == null || contact.preferredCategories() == null ? List.of() : contact.preferredCategories();
        return products.stream()
                .sorted((a, b) -> Boolean.compare(preferred.contains(b.category()), preferred.contains(a.category())))
                .limit(3)
                .toList();
    }

    private static Map<String, Object> sample() {
        return Map.of(
                "customer", new Recipient("张三"),
                "coupon",
                        new CouponFields(
                                "WB-7F3K9Q2M1Z",
                                OffsetDateTime.now().toLocalDate().toString(),
                                "满 100 减 20"),
                "links", new Links("https://example.com/c", "https://example.com/u"),
                "recommendations", List.of(),
                "campaign", new CampaignFields("sample"));
    }
}
