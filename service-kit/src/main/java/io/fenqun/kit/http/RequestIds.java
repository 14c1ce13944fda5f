package io.fenqun.kit.http;

import io.fenqun.kit.ids.Ids;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/** Takes the gateway's X-Request-Id (or makes one), returns it and puts it in every log line. */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";

    void install(@Observes Router router) {
        router.route().order(-1001).handler(ctx -> {
            String id = ctx.request().getHeader(HEADER);
            if (id == null || id.isBlank() || id.length() > 128) {
                id = Ids.newId().toString();
            }
            ctx.put(HEADER, id);
            MDC.put("requestId", id);
            ctx.response().putHeader(HEADER, id);
            ctx.next();
        });
    }
}
