package io.fenqun.gateway.routing;

import io.fenqun.gateway.GatewayConfig;
import io.fenqun.gateway.partner.PartnerRoutes;
import io.fenqun.gateway.ratelimit.RateDecision;
import io.fenqun.gateway.ratelimit.RateLimiter;
import io.fenqun.gateway.security.Authenticator;
import io.fenqun.gateway.security.GatewayCaller;
import io.fenqun.kit.http.RequestIds;
import io.fenqun.kit.http.RequestLimits;
import io.fenqun.kit.problem.Problem;
import io.fenqun.kit.problem.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The one entrance for /api/v1: finds the owner of the path, checks the caller, applies rate limits
 * and the partner rules, then streams the request to the owning service or hands it to the
 * gateway's own operations. Runs after the kit's request ids (-1001) and body limits (-1000) and
 * after Quarkus' CORS filter (-300), which answers preflights and adds its headers to every answer.
 */
@ApplicationScoped
public class FrontDoor {

    static final int ORDER = -200;

    /** Where Quarkus' HTTP metrics look for the route's name. */
    static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private static final Logger LOG = Logger.getLogger(FrontDoor.class);

    private final GatewayConfig config;
    private final RouteTable routes;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final PartnerRoutes partnerRoutes;
    private final RequestLimits bodyLimits;
    private final Map<String, ServiceProxy> proxies = new HashMap<>();

    public FrontDoor(
            GatewayConfig config,
            RouteTable routes,
            Authenticator authenticator,
            RateLimiter rateLimiter,
            PartnerRoutes partnerRoutes,
            RequestLimits bodyLimits) {
        this.config = config;
        this.bodyLimits = bodyLimits;
        this.routes = routes;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.partnerRoutes = partnerRoutes;
    }

    void install(@Observes Router router, Vertx vertx) {
        config.services()
                .forEach((name, service) -> proxies.put(name, new ServiceProxy(vertx, name, service, bodyLimits)));
        router.route("/api/v1/*").order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String path = path(ctx);
        Optional<String> owner = routes.ownerOf(path);
        if (owner.isEmpty()) {
            ProblemReplies.send(ctx, Problem.of(404, "not-found", "Not found", "No API serves " + path));
            return;
        }
        HttpServerRequest request = ctx.request();
        // The services log under the same id: pass on the one RequestIds took or made.
        request.headers().set(RequestIds.HEADER, (String) ctx.get(RequestIds.HEADER));
        if (isPublic(path) && !Authenticator.hasCredentials(request)) {
            forward(ctx, owner.get());
            return;
        }
        authenticator
                .authenticate(request)
                .subscribe()
                .with(caller -> admit(ctx, owner.get(), caller), failure -> fail(ctx, failure));
    }

    private void admit(RoutingContext ctx, String owner, GatewayCaller caller) {
        RateDecision decision = rateLimiter.take(caller.limitKey(), caller.perMinute());
        if (!decision.allowed()) {
            ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            ProblemReplies.send(
                    ctx,
                    Problem.of(
                            429,
                            "too-many-requests",
                            "Too many requests",
                            "At most " + caller.perMinute() + " requests a minute; retry after "
                                    + decision.retryAfterSeconds() + " s"));
            return;
        }
        if (caller.partner()) {
            Optional<Problem> refused = partnerProblem(ctx, caller);
            if (refused.isPresent()) {
                ProblemReplies.send(ctx, refused.get());
                return;
            }
        }
        forward(ctx, owner);
    }

    private Optional<Problem> partnerProblem(RoutingContext ctx, GatewayCaller caller) {
        Optional<Set<String>> scopes = caller.apiKey() == null
                ? Optional.empty()
                : Optional.of(Set.copyOf(caller.apiKey().scopes()));
        PartnerRoutes.Verdict verdict = partnerRoutes.check(
                ctx.request().method().name(), path(ctx), ctx.queryParams().names(), scopes);
        if (verdict instanceof PartnerRoutes.Verdict.NotAPartnerRoute) {
            return Optional.of(ProblemException.forbidden(
                            "API keys may not call " + ctx.request().method() + " " + path(ctx))
                    .problem());
        }
        if (verdict instanceof PartnerRoutes.Verdict.MissingScope missing) {
            return Optional.of(ProblemException.forbidden("This API key lacks the scope " + missing.scope())
                    .problem());
        }
        if (verdict instanceof PartnerRoutes.Verdict.UnknownParameters unknown) {
            return Optional.of(ProblemException.validation(unknown.names().stream()
                            .map(name -> new Problem.FieldError(name, "unknown query parameter"))
                            .toList())
                    .problem());
        }
        return Optional.empty();
    }

    /**
     * The normalised path with {@code %3A} read as the {@code :} it stands for (clients encode the
     * colon of custom methods like {@code customers:batch} differently); other escapes stay, so an
     * encoded {@code /} inside an external id never becomes a path separator.
     */
    static String path(RoutingContext ctx) {
        return ctx.normalizedPath().replace("%3A", ":").replace("%3a", ":");
    }

    private void forward(RoutingContext ctx, String owner) {
        if (RouteTable.GATEWAY.equals(owner)) {
            ctx.next();
            return;
        }
        // Metrics name proxied requests by prefix; one tag per customer id would swamp them.
        ctx.put(URL_PATH_TEMPLATE, routes.metricsName(path(ctx)));
        proxies.get(owner).proxy().handle(ctx.request());
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ProblemException problem) {
            if (problem.problem().status() == 401) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
            }
            ProblemReplies.send(ctx, problem.problem());
            return;
        }
        LOG.error("authentication failed unexpectedly", failure);
        ProblemReplies.send(ctx, ProblemReplies.unavailable("authentication"));
    }

    private boolean isPublic(String path) {
        List<String> prefixes = config.publicPrefixes().orElse(List.of());
        return prefixes.stream().anyMatch(p -> RouteTable.under(path, p));
    }
}
