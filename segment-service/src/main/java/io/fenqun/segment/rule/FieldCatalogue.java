package io.fenqun.segment.rule;

import io.fenqun.segment.dimension.RfmSegments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fields a rule can use: customer attributes (alias {@code c}) and computed facts (alias {@code f}). */
public final class FieldCatalogue {

    private static final List<String> TIERS = List.of("high", "medium", "low");

    private static final FieldCatalogue STANDARD = new FieldCatalogue(List.of(
            field("kind", FieldType.ENUM, List.of("PERSON", "COMPANY"), "Person or company", "c.kind"),
            field("gender", FieldType.ENUM, List.of("MALE", "FEMALE", "OTHER", "UNKNOWN"), "Gender", "c.gender"),
            field("birthDate", FieldType.DATE, List.of(), "Birth date", "c.birth_date"),
            field("province", FieldType.TEXT, List.of(), "Province (省)", "c.province"),
            field("city", FieldType.TEXT, List.of(), "City (市)", "c.city"),
            field(
                    "areaType",
                    FieldType.ENUM,
                    List.of("URBAN", "SUBURBAN", "RURAL"),
                    "Urban, suburban or rural",
                    "c.area_type"),
            field("locality", FieldType.ENUM, List.of("LOCAL", "REMOTE"), "Local or remote customer", "c.locality"),
            field("industry", FieldType.TEXT, List.of(), "Industry (B2B)", "c.industry"),
            field(
                    "companySize",
                    FieldType.ENUM,
                    List.of("MICRO", "SMALL", "MEDIUM", "LARGE", "ENTERPRISE"),
                    "Company size (B2B)",
                    "c.company_size"),
            field(
                    "needs",
                    FieldType.TEXT_LIST,
                    List.of("COLLECTION", "WEARING", "INVESTMENT", "GIFT", "DAILY", "BUSINESS", "OTHER"),
                    "Why the customer buys",
                    "c.needs"),
            field(
                    "preferredCategories",
                    FieldType.TEXT_LIST,
                    List.of(),
                    "Preferred product categories",
                    "c.preferred_categories"),
            field(
                    "preferredChannels",
                    FieldType.TEXT_LIST,
                    List.of("EMAIL", "SMS", "PHONE", "WECHAT", "APP_PUSH", "STORE", "ONLINE"),
                    "Preferred channels",
                    "c.preferred_channels"),
            field("tags", FieldType.TEXT_LIST, List.of(), "Tags", "c.tags"),
            field("ownerId", FieldType.TEXT, List.of(), "Assigned sales owner", "c.owner_id"),
            field("membershipTier", FieldType.TEXT, List.of(), "Loyalty tier", "c.membership_tier"),
            field("pointsBalance", FieldType.INTEGER, List.of(), "Loyalty points balance", "c.points_balance"),
            field("createdAt", FieldType.TIMESTAMP, List.of(), "When the customer record was created", "c.created_at"),
            field("firstPurchaseAt", FieldType.TIMESTAMP, List.of(), "First paid order", "f.first_purchase_at"),
            field("lastPurchaseAt", FieldType.TIMESTAMP, List.of(), "Latest paid order", "f.last_purchase_at"),
            Field.daysSince("recencyDays", "Days since the latest paid order", "f.last_purchase_at"),
            field("ordersTotal", FieldType.INTEGER, List.of(), "Paid orders, all time", "f.orders_total"),
            field("orders30d", FieldType.INTEGER, List.of(), "Paid orders, last 30 days", "f.orders_30d"),
            field("orders90d", FieldType.INTEGER, List.of(), "Paid orders, last 90 days", "f.orders_90d"),
            field("orders365d", FieldType.INTEGER, List.of(), "Paid orders, last 365 days", "f.orders_365d"),
            field("spendTotal", FieldType.DECIMAL, List.of(), "Spend, all time", "f.spend_total"),
            field("spend365d", FieldType.DECIMAL, List.of(), "Spend, last 365 days", "f.spend_365d"),
            field(
                    "averageOrderValue",
                    FieldType.DECIMAL,
                    List.of(),
                    "Average paid order value",
                    "f.average_order_value"),
            Field.daysSince(
                    "tenureDays",
                    "Days since the first purchase (or since created)",
                    "f.first_purchase_at",
                    "c.created_at"),
            field(
                    "weekendShare",
                    FieldType.DECIMAL,
                    List.of(),
                    "Share of orders placed on weekends (0-1)",
                    "f.weekend_share"),
            field(
                    "favouriteHour",
                    FieldType.INTEGER,
                    List.of(),
                    "Most frequent hour of purchase (0-23)",
                    "f.favourite_hour"),
            field("topCategory", FieldType.TEXT, List.of(), "Category with the most spend", "f.top_category"),
            field("frequencyTier", FieldType.ENUM, TIERS, "Purchase frequency tier", "f.frequency_tier"),
            field("spendTier", FieldType.ENUM, TIERS, "Spend tier", "f.spend_tier"),
            field("rScore", FieldType.INTEGER, List.of(), "RFM recency score 1-5", "f.r_score"),
            field("fScore", FieldType.INTEGER, List.of(), "RFM frequency score 1-5", "f.f_score"),
            field("mScore", FieldType.INTEGER, List.of(), "RFM monetary score 1-5", "f.m_score"),
            field("rfmSegment", FieldType.ENUM, RfmSegments.names(), "Named RFM segment", "f.rfm_segment"),
            field(
                    "lifecycle",
                    FieldType.ENUM,
                    List.of("potential", "new", "active", "at_risk", "churned"),
                    "Lifecycle stage",
                    "f.lifecycle"),
            field(
                    "valueTier",
                    FieldType.ENUM,
                    List.of("A", "B", "C"),
                    "Value tier by share of revenue",
                    "f.value_tier")));

    private final Map<String, Field> byName = new LinkedHashMap<>();

    private FieldCatalogue(List<Field> fields) {
        fields.forEach(f -> byName.put(f.name(), f));
    }

    public static FieldCatalogue standard() {
        return STANDARD;
    }

    public List<Field> fields() {
        return List.copyOf(byName.values());
    }

    public Optional<Field> field(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static Field field(String name, FieldType type, List<String> allowed, String description, String column) {
        return Field.stored(name, type, allowed, description, column);
    }
}
