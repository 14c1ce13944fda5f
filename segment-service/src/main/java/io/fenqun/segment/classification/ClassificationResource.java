package io.fenqun.segment.classification;

import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Roles;
import io.fenqun.kit.time.Utc;
import io.fenqun.segment.rule.CustomerFacts;
import io.fenqun.segment.rule.FactsQuery;
import io.fenqun.segment.rule.FieldCatalogue;
import io.fenqun.segment.segment.BuiltInSegments;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/classifications")
@Tag(name = "Classifications", description = "One customer's features, labels and segments (for the 360 view)")
@Produces(MediaType.APPLICATION_JSON)
public class ClassificationResource {

    static final int HISTORY = 50;
    private static final FieldCatalogue CATALOGUE = FieldCatalogue.standard();
    /** Labels rather than measurements: the built-in dimensions and the RFM scores behind them. */
    private static final Set<String> DIMENSION_FIELDS = Stream.concat(
                    BuiltInSegments.DIMENSIONS.stream().map(BuiltInSegments.Dimension::field),
                    Stream.of("rScore", "fScore", "mScore"))
            .collect(Collectors.toSet());

    @GET
    @Path("/{customerId}")
    @WithSession
    @RolesAllowed({Roles.ADMIN, Roles.MARKETER, Roles.ANALYST, Roles.SALES, Roles.SUPPORT, Roles.SERVICE})
    @Operation(
            summary = "How one customer is classified",
            description = "Features, dimension labels, current segments and the latest stays. 404 until the "
                    + "customer has reached this service from the profile feed.")
    public Uni<Classification> get(@PathParam("customerId") String customerId) {
        UUID id = Ids.parse(customerId, "Customer");
        return Panache.getSession().flatMap(s -> s.createNativeQuery(FactsQuery.ONE_CUSTOMER, Object[].class)
                .setParameter("id", id)
                .setParameter("now", Utc.now())
                .getResultList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("Customer", id);
                    }
                    CustomerFacts facts = FactsQuery.fromRow(CATALOGUE, rows.get(0));
                    return s.createNativeQuery(
                                    """
                                    SELECT s.id, s.name, s.kind, s.dimension, s.dimension_value, m.entered_at, m.exited_at
                                      FROM membership m JOIN segment s ON s.id = m.segment_id
                                     WHERE m.customer_id = :id
                                     ORDER BY m.exited_at IS NOT NULL, coalesce(m.exited_at, m.entered_at) DESC
                                     LIMIT :limit""",
                                    Object[].class)
                            .setParameter("id", id)
                            .setParameter("limit", HISTORY)
                            .getResultList()
                            .map(stays -> of(id, facts, stays));
                }));
    }

    private static Classification of(UUID id, CustomerFacts facts, List<Object[]> rows) {
        Map<String, Object> features = new LinkedHashMap<>();
        Map<String, Object> dimensions = new LinkedHashMap<>();
        facts.values().forEach((field, value) -> {
            if (value != null) {
                (DIMENSION_FIELDS.contains(field) ? dimensions : features).put(field, value);
            }
        });
        List<Classification.Stay> stays = rows.stream()
                .map(r -> new Classification.Stay(
                        (UUID) r[0],
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        Utc.of(r[5]),
                        Utc.of(r[6])))
                .toList();
        return new Classification(
                id,
                features,
                dimensions,
                stays.stream().filter(s -> s.exitedAt() == null).toList(),
                stays.stream().filter(s -> s.exitedAt() != null).toList());
    }
}
