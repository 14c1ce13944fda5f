package io.fenqun.gateway.security;

import io.fenqun.gateway.GatewayConfig;
import io.fenqun.gateway.apikey.ApiKeyRepository;
import io.fenqun.gateway.apikey.ApiKeySecrets;
import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Checks who calls, before anything is routed: a person's bearer JWT (signature, issuer and expiry
 * from the mp.jwt.verify settings every service uses) or a partner's {@value #API_KEY_HEADER}. A key
 * is exchanged for a partner token that replaces the request's Authorization header, so the
 * services check roles themselves exactly as for people.
 */
@ApplicationScoped
public class Authenticator {

    public static final String API_KEY_HEADER = "X-Api-Key";

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    /**
     * A token whose signature, issuer and expiry were checked is remembered until it expires (at most
     * this long), so a client's repeated calls cost a map lookup instead of an RSA verification each.
     */
    static final Duration VERIFIED_FOR = Duration.ofMinutes(5);

    static final int MAX_VERIFIED = 10_000;

    private record Verified(GatewayCaller caller, long expiresAt) {}

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private final JWTParser parser;
    private final ApiKeyRepository keys;
    private final PartnerTokens partnerTokens;
    private final int perUserPerMinute;

    public Authenticator(JWTParser parser, ApiKeyRepository keys, PartnerTokens partnerTokens, GatewayConfig config) {
        this.parser = parser;
        this.keys = keys;
        this.partnerTokens = partnerTokens;
        this.perUserPerMinute = config.rateLimit().perUserPerMinute();
    }

    /** True when the request carries credentials of either kind. */
    public static boolean hasCredentials(HttpServerRequest request) {
        return request.getHeader(API_KEY_HEADER) != null || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    /** The caller, or a failure with a 401 (or 503) {@link ProblemException}. */
    public Uni<GatewayCaller> authenticate(HttpServerRequest request) {
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (apiKey != null) {
            return byApiKey(request, apiKey.trim());
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().failure(unauthorized("A bearer token or an " + API_KEY_HEADER + " is required"));
        }
        String token = authorization.substring(7).trim();
        long now = Instant.now().getEpochSecond();
        Verified known = verified.get(token);
        if (known != null && now < known.expiresAt()) {
            return Uni.createFrom().item(known.caller());
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
            GatewayCaller caller = GatewayCaller.person(subject, jwt.getGroups(), perUserPerMinute);
            remember(token, caller, Math.min(jwt.getExpirationTime(), now + VERIFIED_FOR.toSeconds()));
            return Uni.createFrom().item(caller);
        } catch (ParseException e) {
            LOG.debugf("bearer token rejected: %s", e.getMessage());
            return Uni.createFrom().failure(unauthorized("The bearer token is invalid, expired or not ours"));
        }
    }

    /** Cleared when full rather than evicting one by one: simple, and a refill costs one check each. */
    private void remember(String token, GatewayCaller caller, long expiresAt) {
        if (verified.size() >= MAX_VERIFIED) {
            verified.clear();
        }
        verified.put(token, new Verified(caller, expiresAt));
    }

    private Uni<GatewayCaller> byApiKey(HttpServerRequest request, String secret) {
        if (!partnerTokens.available()) {
            return Uni.createFrom()
                    .failure(new ProblemException(Problem.of(
                            503,
                            "api-keys-unavailable",
                            "API keys unavailable",
                            "The gateway has no signing key configured, so it cannot accept API keys")));
        }
        return keys.findByHash(ApiKeySecrets.hash(secret)).map(found -> {
            if (found.isEmpty() || !found.get().active()) {
                throw unauthorized("The API key is unknown or revoked");
            }
            request.headers().set(HttpHeaders.AUTHORIZATION, partnerTokens.bearer(found.get()));
            request.headers().remove(API_KEY_HEADER);
            return GatewayCaller.partnerKey(found.get());
        });
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail));
    }
}
