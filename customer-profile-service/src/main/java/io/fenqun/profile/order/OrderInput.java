package io.fenqun.profile.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An order as a client records it. */
@Schema(
        name = "OrderInput",
        example =
                """
        {"customerId":"01a205c6-b378-76be-a4f2-e0d7f8889486","orderedAt":"2026-11-20T10:15:00+08:00",
         "channel":"STORE","store":"杭州西湖店","currency":"CNY","total":"1288.00","status":"PAID",
         "items":[{"sku":"JD-BR-001","name":"冰种翡翠手镯","category":"手镯","quantity":1,"unitPrice":"1288.00"}],
         "couponCode":"WINBACK-7F3K"}""")
public record OrderInput(
        UUID customerId,
        @Valid ExternalRef external,
        @NotNull OffsetDateTime orderedAt,
        @Size(max = 40) String channel,
        @Size(max = 100) String store,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency,
        @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal total,
        CustomerOrder.Status status,
        @Size(max = 500) List<@Valid @NotNull Line> items,
        @Size(max = 60) String couponCode) {

    /** A partner system's id for the order. */
    public record ExternalRef(@NotBlank @Size(max = 50) String source, @NotBlank @Size(max = 100) String id) {}

    public record Line(
            @NotBlank @Size(max = 100) String sku,
            @Size(max = 200) String name,
            @Size(max = 100) String category,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 9, fraction = 3) BigDecimal quantity,
            @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal unitPrice) {}
}
