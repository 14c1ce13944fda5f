package io.fenqun.campaign.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign as it is created or changed; stored whole as its definition. */
@Schema(
        example =
                """
        {"name":"At Risk win-back","channel":"EMAIL","purpose":"MARKETING","locale":"zh-CN",
         "audience":{"segments":["0190a1b2-0000-7000-8000-000000000101"]},
         "schedule":{"kind":"TRIGGER","trigger":{"kind":"SEGMENT_ENTERED"}},
         "variants":[{"name":"A","weight":1,"templates":{
           "zh-CN":{"subject":"{customer.name}，好久不见","body":"送您一张券：{coupon.code}，{coupon.validUntil} 前有效。<a href=\\"{links.click}\\">去看看</a> <a href=\\"{links.unsubscribe}\\">退订</a>"},
           "en":{"subject":"We miss you, {customer.name}","body":"Your code {coupon.code} is valid until {coupon.validUntil}."}}}],
         "coupon":{"prefix":"WB","validDays":14,"description":"满 100 减 20"},
         "holdoutPercent":10,"conversionWindowDays":14,"landingUrl":"https://shop.example.com/back"}""")
public record CampaignInput(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotNull Channel channel,
        @NotNull Purpose purpose,
        @Schema(description = "Which template language to send: zh-CN (default) or en")
                @Pattern(regexp = "zh-CN|en", message = "must be zh-CN or en")
                String locale,
        @NotNull @Valid Audience audience,
        @NotNull @Valid Schedule schedule,
        @NotNull @Size(min = 1, max = 5) List<@NotNull @Valid Variant> variants,
        @Valid Coupon coupon,
        @Schema(description = "Share of the audience kept out as a control group, 0 to 50 percent") @Min(0) @Max(50)
                Integer holdoutPercent,
        @Schema(description = "Orders within this many days after a message count as its conversions") @Min(1) @Max(90)
                Integer conversionWindowDays,
        @Size(max = 2000) String landingUrl,
        @Schema(description = "For the WEBHOOK channel: where each message is POSTed") @Size(max = 2000)
                String webhookUrl,
        @Schema(description = "Hold a message for weekend buyers until the weekend, weekday buyers until a weekday")
                Boolean preferredDay,
        @Size(max = 20) List<@NotNull @Valid Product> products) {

    public String localeOrDefault() {
        return locale == null ? "zh-CN" : locale;
    }

    public int holdout() {
        return holdoutPercent == null ? 0 : holdoutPercent;
    }

    public int conversionWindow() {
        return conversionWindowDays == null ? 7 : conversionWindowDays;
    }

    public boolean honoursPreferredDay() {
        return Boolean.TRUE.equals(preferredDay);
    }

    public List<Product> productsOrEmpty() {
        return products == null ? List.of() : products;
    }

    /** Members of any of {@code segments}, minus members of any of {@code excludeSegments}. */
    public record Audience(
            @Size(max = 20) List<@NotNull UUID> segments, @Size(max = 20) List<@NotNull UUID> excludeSegments) {

        public List<UUID> segmentsOrEmpty() {
            return segments == null ? List.of() : segments;
        }

        public List<UUID> excludedOrEmpty() {
            return excludeSegments == null ? List.of() : excludeSegments;
        }
    }

    public enum ScheduleKind {
        /** Once, at {@code at} (now when absent). */
        ONCE,
        /** Every time {@code cron} (five fields, business time zone) comes round. */
        CRON,
        /** Per customer, when {@code trigger} happens. */
        TRIGGER
    }

    public record Schedule(
            @NotNull ScheduleKind kind,
            OffsetDateTime at,
            @Size(max = 100) String cron,
            @Valid Trigger trigger,
            @Schema(description = "Nothing is planned after this instant") OffsetDateTime until) {}

    public enum TriggerKind {
        /** Entered one of the audience's segments (segment.entered). */
        SEGMENT_ENTERED,
        /** The first paid order (order.recorded), when it is recent: imported history does not fire it. */
        FIRST_PURCHASE,
        /** {@code daysBefore} days before the birthday, checked daily. */
        BIRTHDAY,
        /** On each of {@code dates} (holidays), checked daily. */
        HOLIDAY,
        /** No paid order for {@code days} days, checked daily. */
        NO_PURCHASE,
        /** {@code daysBefore} days before the customer's oldest open loyalty points expire, checked daily. */
        POINTS_EXPIRING,
        /** Any event of another service's feed, by type ({@code event}, e.g. survey.answered). */
        EVENT
    }

    public enum Repeat {
        ONCE_PER_CUSTOMER,
        EVERY_TIME
    }

    public record Trigger(
            @NotNull TriggerKind kind,
            @Pattern(regexp = "[a-z]+\\.[a-z_]+", message = "must be an event type such as survey.answered")
                    String event,
            @Min(0) @Max(60) Integer daysBefore,
            @Min(1) @Max(3650) Integer days,
            @Size(max = 50) List<@NotNull LocalDate> dates,
            Repeat repeat) {

        /** Birthdays and holidays come round again; everything else fires once per customer unless asked. */
        public Repeat repeatOrDefault() {
            if (repeat != null) {
                return repeat;
            }
            return kind == TriggerKind.BIRTHDAY || kind == TriggerKind.HOLIDAY
                    ? Repeat.EVERY_TIME
                    : Repeat.ONCE_PER_CUSTOMER;
        }
    }

    public record Variant(
            @NotBlank @Size(max = 20) String name,
            @Min(1) @Max(100) int weight,
            @NotNull @Size(min = 1, max = 2)
                    Map<@Pattern(regexp = "zh-CN|en") String, @NotNull @Valid Template> templates) {}

    /** Qute templates; see the README for the fields they can use. */
    public record Template(@Size(max = 200) String subject, @NotBlank @Size(max = 20_000) String body) {}

    public record Coupon(
            @NotBlank @Pattern(regexp = "[A-Z0-9]{1,8}", message = "must be 1 to 8 capital letters or digits")
                    String prefix,
            @Min(1) @Max(365) int validDays,
            @Size(max = 200) String description) {}

    @io.quarkus.qute.TemplateData
    public record Product(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 50) String category,
            BigDecimal price,
            @Size(max = 2000) String url) {}
}
