package io.fenqun.campaign.delivery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.UUID;

/**
 * The batch send API of an SMS or push provider: up to 100 messages per call, each with our
 * delivery id, which the provider uses as its idempotency key (a repeated id is not sent twice).
 */
@Path("/v1/messages:batch")
public interface ProviderApi {

    record ProviderMessage(UUID id, String to, String title, String text) {}

    record Batch(List<ProviderMessage> messages) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(UUID id, String status, String providerMessageId, String error) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Results(List<Result> results) {}

    @POST
    Uni<Results> send(@HeaderParam("Authorization") String apiKey, Batch batch);
}
