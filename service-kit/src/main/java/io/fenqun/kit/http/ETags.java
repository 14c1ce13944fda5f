package io.fenqun.kit.http;

import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/** Optimistic locking over HTTP: the ETag is the row version, If-Match must name the current one. */
public final class ETags {

    public static final String IF_MATCH = "If-Match";

    private ETags() {}

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** A 200 response carrying the body's version as its ETag. */
    public static <T> RestResponse<T> ok(T body, long version) {
        return RestResponse.ResponseBuilder.ok(body).tag(of(version)).build();
    }

    /**
     * The answer to a create: 201 (or the first answer's status on an idempotent repeat), the new
     * resource's address, its version as the ETag, and the body.
     */
    public static Response created(IdempotencyKeys.Outcome<?> outcome, URI location, long version) {
        return Response.status(outcome.status())
                .location(location)
                .tag(of(version))
                .entity(outcome.body())
                .build();
    }

    /**
     * The version a client expects, or null without If-Match. A malformed header is a 400, a stale
     * one is found by the caller comparing versions (412).
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(IF_MATCH, "must be an ETag this API returned");
        }
    }

    public static void check(Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw ProblemException.preconditionFailed(
                    "If-Match names version " + expected + " but the current version is " + actual);
        }
    }
}
