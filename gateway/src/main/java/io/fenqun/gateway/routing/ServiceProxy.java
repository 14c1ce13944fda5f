package io.fenqun.gateway.routing;

import io.fenqun.gateway.GatewayConfig;
import io.fenqun.kit.http.RequestIds;
import io.fenqun.kit.http.RequestLimits;
import io.fenqun.kit.problem.Problem;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.util.TypeLiteral;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Streams requests to one service and its responses back with the Vert.x HTTP proxy, neither body
 * held whole in memory. A circuit breaker per service turns a down service into quick 503 problems
 * for its routes only; requests without a body are retried once when no connection could be made.
 */
final class ServiceProxy implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);
    private static final TypeLiteral<CompletionStage<ProxyResponse>> RESPONSE = new TypeLiteral<>() {};
    private static final String TOO_LARGE = "fenqun.body-too-large";

    /** Methods without a body, safe to send again because nothing of the client's was consumed. */
    private static final Set<HttpMethod> REPLAYABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final String name;
    private final HttpProxy proxy;
    private final Guard breaker;
    private final long retryAfterSeconds;
    private final RequestLimits bodyLimits;

    ServiceProxy(Vertx vertx, String name, GatewayConfig.ServiceConfig config, RequestLimits bodyLimits) {
        this.name = name;
        this.bodyLimits = bodyLimits;
        URI url = config.url();
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setSsl(tls),
                new PoolOptions().setHttp1MaxSize(config.maxConnections()));
        SocketAddress origin = SocketAddress.inetSocketAddress(port, url.getHost());
        long idleTimeout = config.idleTimeout().toMillis();
        this.proxy = HttpProxy.reverseProxy(client)
                .origin(ctx -> ctx.client()
                        .request(new RequestOptions()
                                .setServer(origin)
                                .setHost(url.getHost())
                                .setPort(port)
                                .setIdleTimeout(idleTimeout)))
                .addInterceptor(this);
        GatewayConfig.CircuitBreakerConfig cb = config.circuitBreaker();
        this.retryAfterSeconds = Math.max(1, cb.delay().toSeconds());
        this.breaker = Guard.create()
                .withDescription("proxy to " + name)
                .withCircuitBreaker()
                .requestVolumeThreshold(cb.requestVolume())
                .failureRatio(cb.failureRatio())
                .delay(cb.delay().toMillis(), ChronoUnit.MILLIS)
                .onStateChange(state -> LOG.warnf("circuit breaker of %s is now %s", name, state))
                .done()
                .withThreadOffload(false)
                .build();
    }

    HttpProxy proxy() {
        return proxy;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
        boolean replayable = REPLAYABLE.contains(ctx.request().getMethod())
                && withoutBody(ctx.request().proxiedRequest());
        if (replayable) {
            // An explicit empty body can be sent twice; the client's (empty) stream only once.
            ctx.request().setBody(Body.body(Buffer.buffer()));
        } else if (ctx.request().getBody().length() < 0) {
            long limit = bodyLimits.limitFor(ctx.request().proxiedRequest().path());
            ctx.request()
                    .setBody(Body.body(
                            new LimitedBody(ctx.request().getBody().stream(), limit, () -> ctx.set(TOO_LARGE, limit))));
        }
        CompletionStage<ProxyResponse> guarded =
                breaker.get(() -> send(ctx, replayable).toCompletionStage(), RESPONSE);
        return Future.fromCompletionStage(guarded, Vertx.currentContext())
                .recover(failure -> Future.succeededFuture(failureResponse(ctx, failure)));
    }

    /** The service echoes the request id the gateway already put on the response: keep one. */
    @Override
    public Future<Void> handleProxyResponse(ProxyContext ctx) {
        ctx.response().headers().remove(RequestIds.HEADER);
        return ctx.sendResponse();
    }

    private static boolean withoutBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null && (length == null || length.equals("0"));
    }

    private Future<ProxyResponse> send(ProxyContext ctx, boolean replayable) {
        Future<ProxyResponse> first = ctx.sendRequest();
        Future<ProxyResponse> sent = replayable ? first.recover(failure -> ctx.sendRequest()) : first;
        // An oversize body is the client's fault: answered here, so it never counts against the service.
        return sent.recover(failure -> ctx.get(TOO_LARGE, Long.class) != null
                ? Future.succeededFuture(failureResponse(ctx, failure))
                : Future.failedFuture(failure));
    }

    private ProxyResponse failureResponse(ProxyContext ctx, Throwable failure) {
        Problem problem;
        ProxyResponse response = ctx.request().response();
        Long tooLarge = ctx.get(TOO_LARGE, Long.class);
        if (tooLarge != null) {
            problem = Problem.of(
                    413, "payload-too-large", "Payload too large", "The body is larger than " + tooLarge + " bytes");
        } else if (failure instanceof CircuitBreakerOpenException) {
            problem = ProblemReplies.unavailable(name);
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        } else if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
            problem = Problem.of(
                    504, "gateway-timeout", "Gateway timeout", "The " + name + " service did not answer in time");
        } else {
            LOG.debugf("proxy to %s failed: %s", name, failure.toString());
            problem = ProblemReplies.unavailable(name);
        }
        return response.setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .setBody(Body.body(
                        ProblemReplies.body(problem.withInstance(ctx.request().getURI()))));
    }
}
