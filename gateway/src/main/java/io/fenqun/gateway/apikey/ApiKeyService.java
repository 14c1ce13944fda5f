package io.fenqun.gateway.apikey;

import io.fenqun.gateway.GatewayConfig;
import io.fenqun.gateway.partner.PartnerRoutes;
import io.fenqun.gateway.security.PartnerTokens;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Creating, listing and revoking partner keys. */
@ApplicationScoped
public class ApiKeyService {

    private final ApiKeyRepository repository;
    private final PartnerTokens partnerTokens;
    private final Set<String> knownScopes;
    private final int defaultPerMinute;

    public ApiKeyService(
            ApiKeyRepository repository,
            PartnerTokens partnerTokens,
            PartnerRoutes partnerRoutes,
            GatewayConfig config) {
        this.repository = repository;
        this.partnerTokens = partnerTokens;
        this.knownScopes = partnerRoutes.scopes();
        this.defaultPerMinute = config.rateLimit().defaultPerKeyPerMinute();
    }

    public Uni<CreatedApiKey> create(ApiKeyInput input, String admin) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < input.scopes().size(); i++) {
            if (!knownScopes.contains(input.scopes().get(i))) {
                errors.add(new Problem.FieldError("scopes[" + i + "]", "unknown scope; known: " + knownScopes));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        String secret = ApiKeySecrets.newSecret();
        ApiKey key = new ApiKey(
                Ids.newId(),
                input.name().trim(),
                ApiKeySecrets.prefix(secret),
                input.partnerSource(),
                List.copyOf(new TreeSet<>(input.scopes())),
                input.rateLimitPerMinute() == null ? defaultPerMinute : input.rateLimitPerMinute(),
                null,
                admin,
                null,
                null);
        return repository
                .insert(key, ApiKeySecrets.hash(secret))
                .map(stored -> new CreatedApiKey(ApiKeyView.of(stored), secret));
    }

    public Uni<ApiKeyView> get(UUID id) {
        return repository.findById(id).map(found -> ApiKeyView.of(found.orElseThrow(() -> notFound(id))));
    }

    public Uni<Page<ApiKeyView>> list(PageRequest page) {
        return repository
                .list(page)
                .map(keys ->
                        new Page<>(keys.items().stream().map(ApiKeyView::of).toList(), keys.nextCursor()));
    }

    /** Revoked keys answer 401 from the next request on. */
    public Uni<ApiKeyView> revoke(UUID id, String admin) {
        return repository.revoke(id, admin).map(found -> {
            ApiKey key = found.orElseThrow(() -> notFound(id));
            partnerTokens.forget(id);
            return ApiKeyView.of(key);
        });
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("API key", id);
    }
}
