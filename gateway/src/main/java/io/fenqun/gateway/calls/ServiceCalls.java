package io.fenqun.gateway.calls;

import io.fenqun.gateway.GatewayConfig;
import io.fenqun.kit.http.RequestIds;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Calls the gateway itself makes to the services (Customer 360 parts, batch records). Each service
 * has one guard: a timeout, two retries (every call here is a GET or a PUT, both idempotent) and a
 * circuit breaker; callers turn what still fails into their own fallback (a part marked
 * unavailable, a record answered 503). Guards are built from configuration, so a service joins
 * with configuration only.
 */
@ApplicationScoped
public class ServiceCalls {

    private static final Logger LOG = Logger.getLogger(ServiceCalls.class);
    private static final TypeLiteral<Uni<Reply>> REPLY = new TypeLiteral<>() {};

    private record Target(HttpClient client, URI url, long timeoutMillis, Guard guard) {}

    private final Map<String, Target> targets = new HashMap<>();

    public ServiceCalls(Vertx vertx, GatewayConfig config) {
        config.services().forEach((name, service) -> targets.put(name, target(vertx, name, service)));
    }

    public boolean knows(String service) {
        return targets.containsKey(service);
    }

    public Uni<Reply> get(String service, String path, String authorization, String requestId) {
        return call(service, HttpMethod.GET, path, authorization, requestId, null);
    }

    public Uni<Reply> put(String service, String path, String authorization, String requestId, Buffer json) {
        return call(service, HttpMethod.PUT, path, authorization, requestId, json);
    }

    private Uni<Reply> call(
            String service, HttpMethod method, String path, String authorization, String requestId, Buffer json) {
        Target target = targets.get(service);
        if (target == null) {
            throw new IllegalArgumentException("no service named " + service);
        }
        return target.guard().get(() -> send(target, method, path, authorization, requestId, json), REPLY);
    }

    private static Uni<Reply> send(
            Target target, HttpMethod method, String path, String authorization, String requestId, Buffer json) {
        URI url = target.url();
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(url.getHost())
                .setPort(url.getPort())
                .setSsl("https".equalsIgnoreCase(url.getScheme()))
                .setURI(path)
                .setIdleTimeout(target.timeoutMillis())
                .putHeader(HttpHeaders.ACCEPT, "application/json");
        if (authorization != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (requestId != null) {
            options.putHeader(RequestIds.HEADER, requestId);
        }
        if (json != null) {
            options.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        return target.client()
                .request(options)
                .chain(request -> json == null
                        ? request.send()
                        : request.send(io.vertx.mutiny.core.buffer.Buffer.newInstance(json)))
                .chain(response -> response.body()
                        .map(body -> new Reply(
                                response.statusCode(), response.getHeader("Content-Type"), body.getDelegate())))
                .map(reply -> {
                    if (reply.status() >= 500) {
                        throw new ServiceFailure(method + " " + path + " answered " + reply.status(), null);
                    }
                    return reply;
                })
                .onFailure(failure -> !(failure instanceof ServiceFailure))
                .transform(failure -> new ServiceFailure(method + " " + path + " failed: " + failure, failure));
    }

    private static Target target(Vertx vertx, String name, GatewayConfig.ServiceConfig service) {
        URI url = service.url();
        URI withPort = url.getPort() > 0
                ? url
                : URI.create(url.getScheme() + "://" + url.getHost() + ":"
                        + ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80));
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) service.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(service.maxConnections()));
        long timeout = service.callTimeout().toMillis();
        GatewayConfig.CircuitBreakerConfig cb = service.circuitBreaker();
        Guard guard = Guard.create()
                .withDescription("calls to " + name)
                .withTimeout()
                .duration(timeout, ChronoUnit.MILLIS)
                .done()
                .withRetry()
                .maxRetries(2)
                .delay(50, ChronoUnit.MILLIS)
                .jitter(25, ChronoUnit.MILLIS)
                .retryOn(ServiceFailure.class)
                .done()
                .withCircuitBreaker()
                .requestVolumeThreshold(cb.requestVolume())
                .failureRatio(cb.failureRatio())
                .delay(cb.delay().toMillis(), ChronoUnit.MILLIS)
                .onStateChange(state -> LOG.warnf("circuit breaker of calls to %s is now %s", name, state))
                .done()
                .build();
        return new Target(client, withPort, timeout, guard);
    }
}
