package io.fenqun.campaign.contact;

import io.fenqun.kit.feed.ServiceTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One batch lookup at the profile service, with a service token. A lookup is a read, so it is
 * retried; when the profile service is down the circuit opens and messages wait for their next attempt.
 */
@ApplicationScoped
public class ProfileContactsClient {

    private final ProfileContactsApi api;
    private final ServiceTokens tokens;

    public ProfileContactsClient(@RestClient ProfileContactsApi api, ServiceTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<List<Contact>> lookup(List<UUID> ids) {
        return api.lookup(tokens.bearer().orElse(null), new ProfileContactsApi.Lookup(ids))
                .map(ProfileContactsApi.Contacts::contacts);
    }
}
