package io.fenqun.segment.dimension;

import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The thresholds of the built-in dimensions. A change takes effect on the next recompute.
 *
 * <p>Frequency and spend tiers count paid orders and their value within their window; lifecycle
 * stages follow the days since the first and the last purchase; value tiers split customers by
 * their share of the last 365 days' revenue (A: the top customers who together bring
 * {@code valueAShare} of it, B: the next ones up to {@code valueBShare}, C: the rest).
 */
@Schema(
        name = "Thresholds",
        example =
                """
                {"businessType":"FRESH_PRODUCE","frequencyWindowDays":30,"frequencyHighOrders":4,\
                "frequencyMediumOrders":2,"spendWindowDays":30,"spendHighAmount":800,"spendMediumAmount":200,\
                "newWithinDays":14,"activeWithinDays":30,"churnedAfterDays":90,"valueAShare":0.7,"valueBShare":0.9}""")
public record Thresholds(
        @NotNull BusinessType businessType,
        @Min(1) @Max(3650) int frequencyWindowDays,
        @Min(1) @Max(100_000) int frequencyHighOrders,
        @Min(1) @Max(100_000) int frequencyMediumOrders,
        @Min(1) @Max(3650) int spendWindowDays,
        @NotNull @PositiveOrZero BigDecimal spendHighAmount,
        @NotNull @PositiveOrZero BigDecimal spendMediumAmount,
        @Min(1) @Max(3650) int newWithinDays,
        @Min(1) @Max(3650) int activeWithinDays,
        @Min(1) @Max(3650) int churnedAfterDays,
        @NotNull @DecimalMin("0.01") @DecimalMax("0.99") BigDecimal valueAShare,
        @NotNull @DecimalMin("0.01") @DecimalMax("0.99") BigDecimal valueBShare) {

    public enum BusinessType {
        FRESH_PRODUCE,
        JEWELLERY,
        RETAIL_SHOP,
        B2B,
        CUSTOM
    }

    /** The rules that span fields; bean validation checks each field alone. */
    public Thresholds checked() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (frequencyMediumOrders > frequencyHighOrders) {
            errors.add(new Problem.FieldError("frequencyMediumOrders", "must not exceed frequencyHighOrders"));
        }
        if (spendMediumAmount.compareTo(spendHighAmount) > 0) {
            errors.add(new Problem.FieldError("spendMediumAmount", "must not exceed spendHighAmount"));
        }
        if (activeWithinDays >= churnedAfterDays) {
            errors.add(new Problem.FieldError("activeWithinDays", "must be less than churnedAfterDays"));
        }
        if (valueAShare.compareTo(valueBShare) >= 0) {
            errors.add(new Problem.FieldError("valueAShare", "must be less than valueBShare"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return this;
    }
}
