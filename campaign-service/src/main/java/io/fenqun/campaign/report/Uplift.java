package io.fenqun.campaign.report;

/**
 * How much more often the treated group converted than the hold-out control group: the difference
 * of the two conversion rates with its 95% confidence interval (normal approximation, unpooled
 * standard error). Treated means assigned to receive (intention to treat), whether or not the
 * policy later let the message through, so the comparison stays fair.
 */
public record Uplift(
        long treated,
        long treatedConversions,
        long control,
        long controlConversions,
        double treatedRate,
        double controlRate,
        double difference,
        double lower95,
        double upper95) {

    private static final double Z95 = 1.959963984540054;

    /** Null without a control group: there is nothing to compare with. */
    public static Uplift of(long treated, long treatedConversions, long control, long controlConversions) {
        if (treated == 0 || control == 0) {
            return null;
        }
        double pt = (double) treatedConversions / treated;
        double pc = (double) controlConversions / control;
        double se = Math.sqrt(pt * (1 - pt) / treated + pc * (1 - pc) / control);
        double difference = pt - pc;
        return new Uplift(
                treated,
                treatedConversions,
                control,
                controlConversions,
                pt,
                pc,
                difference,
                difference - Z95 * se,
                difference + Z95 * se);
    }

    /** True when the interval lies wholly above zero: the campaign made a difference. */
    public boolean significant() {
        return lower95 > 0;
    }
}
