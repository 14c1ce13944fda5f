package io.fenqun.campaign.contact;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The profile service's batch contact lookup. */
@RegisterRestClient(configKey = "profile")
@Path("/api/v1/customers/contacts")
public interface ProfileContactsApi {

    record Lookup(List<UUID> ids) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contacts(List<Contact> contacts) {}

    @POST
    Uni<Contacts> lookup(@HeaderParam("Authorization") String bearer, Lookup lookup);
}
