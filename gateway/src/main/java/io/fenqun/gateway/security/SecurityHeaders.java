package io.fenqun.gateway.security;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers on every response, proxied ones included (set as the headers are written, so a
 * service's own values are replaced). HSTS only over HTTPS, as seen directly or through the
 * load balancer's X-Forwarded-Proto: over plain HTTP it would be ignored or, worse, pin a dev host.
 */
@ApplicationScoped
public class SecurityHeaders {

    @ConfigProperty(name = "fenqun.gateway.hsts-max-age", defaultValue = "31536000")
    long hstsMaxAge;

    void install(@Observes Router router) {
        router.route().order(-1100).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        boolean https =
                ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (!headers.contains("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", "frame-ancestors 'none'");
            }
            if (https) {
                headers.set("Strict-Transport-Security", "max-age=" + hstsMaxAge + "; includeSubDomains");
            }
        });
        ctx.next();
    }
}
