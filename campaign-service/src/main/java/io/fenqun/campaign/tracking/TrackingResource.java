package io.fenqun.campaign.tracking;

import io.fenqun.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The links inside messages, opened by recipients without an account: the open pixel, click
 * redirects and unsubscribe (a confirmation page, and RFC 8058 one-click POST). A bad or forged
 * token gets 404 and records nothing.
 */
@Path("/api/v1/tracking")
@Tag(name = "Tracking", description = "Opens, clicks and unsubscribes from links in messages (no token needed)")
@PermitAll
public class TrackingResource {

    private static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final TrackingLinks links;
    private final Responses responses;

    public TrackingResource(TrackingLinks links, Responses responses) {
        this.links = links;
        this.responses = responses;
    }

    @GET
    @Path("/open/{token}")
    @Produces("image/gif")
    @Operation(summary = "Open pixel", description = "A 1x1 GIF; records the first open.")
    public Uni<Response> open(@PathParam("token") String token) {
        UUID delivery = links.verify(token).orElse(null);
        Uni<Boolean> recorded = delivery == null
                ? Uni.createFrom().item(false)
                : responses.record(delivery, Responses.Kind.OPENED, null);
        // The image is served either way: a mail client shows a broken image for an error.
        return recorded.map(ignored -> Response.ok(PIXEL, "image/gif")
                .header("Cache-Control", "no-store")
                .build());
    }

    @GET
    @Path("/click/{token}")
    @Operation(summary = "Click redirect", description = "Records the first click and redirects to the landing page.")
    public Uni<Response> click(@PathParam("token") String token) {
        UUID delivery = verified(token);
        return responses
                .record(delivery, Responses.Kind.CLICKED, null)
                .flatMap(ignored -> responses.landingPage(delivery))
                .map(url -> url == null
                        ? Response.status(Response.Status.NOT_FOUND).build()
                        : Response.seeOther(URI.create(url)).build());
    }

    @GET
    @Path("/unsubscribe/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            summary = "Unsubscribe page",
            description = "Asks for confirmation; link scanners do not unsubscribe anyone.")
    public String confirm(@PathParam("token") String token) {
        verified(token);
        return """
                <!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>退订 Unsubscribe</title>
                <form method="post"><p>不再接收此类消息？Stop receiving these messages?</p>
                <button type="submit">退订 Unsubscribe</button></form></html>""";
    }

    @POST
    @Path("/unsubscribe/{token}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            summary = "Unsubscribe",
            description = "Also the RFC 8058 one-click target; no more marketing on this channel.")
    public Uni<String> unsubscribe(@PathParam("token") String token) {
        return responses
                .record(verified(token), Responses.Kind.UNSUBSCRIBED, null)
                .map(
                        ignored ->
                                """
                        <!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>已退订 Unsubscribed</title>
                        <p>您已退订。You have been unsubscribed.</p></html>""");
    }

    private UUID verified(String token) {
        return links.verify(token).orElseThrow(() -> ProblemException.notFound("Link", token));
    }
}
