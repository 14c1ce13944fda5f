package io.fenqun.campaign.report;

import io.fenqun.campaign.campaign.CampaignStore;
import io.fenqun.campaign.db.NativeSql;
import io.fenqun.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Results per campaign, per variant and per audience segment, with the uplift over the control group. */
@ApplicationScoped
public class ResultsService {

    private static final String COUNTS =
            """
            SELECT %s AS grp, count(*),
                   count(*) FILTER (WHERE status = 'HOLDOUT'),
                   count(*) FILTER (WHERE status IN ('PENDING', 'SENDING')),
                   count(*) FILTER (WHERE status IN ('SENT', 'DELIVERED')),
                   count(*) FILTER (WHERE status = 'DELIVERED'),
                   count(*) FILTER (WHERE status = 'FAILED'),
                   count(*) FILTER (WHERE status = 'EXCLUDED'),
                   count(*) FILTER (WHERE status = 'IN_DOUBT'),
                   count(opened_at), count(clicked_at), count(unsubscribed_at),
                   count(converted_at) FILTER (WHERE status <> 'HOLDOUT'),
                   coalesce(sum(conversion_revenue) FILTER (WHERE status <> 'HOLDOUT'), 0),
                   count(converted_at) FILTER (WHERE status = 'HOLDOUT')
              FROM delivery WHERE campaign_id = :campaign GROUP BY 1 ORDER BY 1""";

    private final CampaignStore campaigns;

    public ResultsService(CampaignStore campaigns) {
        this.campaigns = campaigns;
    }

    @WithSession
    public Uni<CampaignResults> results(UUID campaign) {
        return campaigns
                .find(campaign)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Campaign", campaign))
                .flatMap(found -> counts("'all'", campaign))
                .flatMap(total -> counts("variant", campaign).flatMap(variants -> counts(
                                "coalesce(CAST(segment_id AS text), 'none')", campaign)
                        .flatMap(segments -> excludedBy(campaign).flatMap(reasons -> coupons(campaign)
                                .map(coupons -> assemble(campaign, total, variants, segments, reasons, coupons))))));
    }

    private CampaignResults assemble(
            UUID campaign,
            List<Object[]> total,
            List<Object[]> variants,
            List<Object[]> segments,
            Map<String, Long> reasons,
            long[] coupons) {
        Object[] all = total.isEmpty() ? null : total.get(0);
        GroupResults totals =
                all == null ? group(new Object[] {"all", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) : group(all);
        long controlConversions = all == null ? 0 : number(all[14]);
        Uplift uplift = Uplift.of(
                totals.planned() - totals.heldOut(), totals.converted(), totals.heldOut(), controlConversions);
        return new CampaignResults(
                campaign,
                totals,
                reasons,
                coupons[0],
                coupons[1],
                variants.stream().map(ResultsService::group).toList(),
                segments.stream().map(ResultsService::group).toList(),
                uplift);
    }

    private Uni<List<Object[]>> counts(String grouping, UUID campaign) {
        return NativeSql.of(COUNTS.formatted(grouping))
                .bind("campaign", campaign)
                .rows();
    }

    private Uni<Map<String, Long>> excludedBy(UUID campaign) {
        return NativeSql.of("SELECT reason, count(*) FROM delivery WHERE campaign_id = :campaign"
                        + " AND status = 'EXCLUDED' GROUP BY reason ORDER BY reason")
                .bind("campaign", campaign)
                .rows()
                .map(rows -> {
                    Map<String, Long> byReason = new LinkedHashMap<>();
                    rows.forEach(r -> byReason.put((String) r[0], number(r[1])));
                    return byReason;
                });
    }

    private Uni<long[]> coupons(UUID campaign) {
        return NativeSql.of("SELECT count(*), count(redeemed_at) FROM coupon WHERE campaign_id = :campaign")
                .bind("campaign", campaign)
                .rows()
                .map(rows -> new long[] {number(rows.get(0)[0]), number(rows.get(0)[1])});
    }

    private static GroupResults group(Object[] r) {
        return new GroupResults(
                String.valueOf(r[0]),
                number(r[1]),
                number(r[2]),
                number(r[3]),
                number(r[4]),
                number(r[5]),
                number(r[6]),
                number(r[7]),
                number(r[8]),
                number(r[9]),
                number(r[10]),
                number(r[11]),
                number(r[12]),
                r[13] instanceof BigDecimal revenue ? revenue : new BigDecimal(String.valueOf(r[13])));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
