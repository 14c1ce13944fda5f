package io.fenqun.campaign.tracking;

import io.fenqun.campaign.delivery.ProviderConfig;
import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where SMS and push providers report delivered and failed messages; they prove who they are with a shared token. */
@Path("/api/v1/delivery-callbacks")
@Tag(name = "Provider callbacks", description = "Delivery reports from SMS and push providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class ProviderCallbackResource {

    public record Accepted(long recorded) {}

    private final ProviderConfig providers;
    private final Responses responses;

    public ProviderCallbackResource(ProviderConfig providers, Responses responses) {
        this.providers = providers;
        this.responses = responses;
    }

    @POST
    @Path("/{provider}")
    @Operation(
            summary = "Report deliveries",
            description = "Needs the provider's X-Callback-Token; repeats change nothing.")
    public Uni<Accepted> report(
            @PathParam("provider") String provider,
            @HeaderParam("X-Callback-Token") String token,
            @Valid @NotNull ProviderCallback callback) {
        ProviderConfig.Provider configured = providers.providers().get(provider);
        String expected = configured == null ? null : configured.callbackToken().orElse(null);
        if (expected == null
                || token == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(
                    Problem.of(401, "unauthorized", "Unauthorized", "Unknown provider or wrong callback token"));
        }
        return Multi.createFrom()
                .iterable(callback.events())
                .onItem()
                .transformToUniAndConcatenate(this::apply)
                .select()
                .where(Boolean::booleanValue)
                .collect()
                .with(java.util.stream.Collectors.counting())
                .map(Accepted::new);
    }

    private Uni<Boolean> apply(ProviderCallback.Report report) {
        Uni<UUID> delivery = report.id() != null
                ? Uni.createFrom().item(report.id())
                : report.providerMessageId() == null
                        ? Uni.createFrom().nullItem()
                        : responses.byProviderMessage(report.providerMessageId());
        Responses.Kind kind = Map.of("DELIVERED", Responses.Kind.DELIVERED, "FAILED", Responses.Kind.FAILED)
                .get(report.status());
        return delivery.flatMap(
                id -> id == null ? Uni.createFrom().item(false) : responses.record(id, kind, report.error()));
    }
}
