package io.fenqun.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.DateTimeException;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem response. Bad input is always a 4xx with the
 * offending field named; anything unexpected is a 500 without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response toResponse(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return toResponse(e.problem());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldPath(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return toResponse(ProblemException.validation(errors).problem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownField(UnrecognizedPropertyException e) {
        return toResponse(
                ProblemException.invalidField(jsonPath(e), "unknown field").problem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e) {
        return toResponse(ProblemException.invalidField(
                        jsonPath(e),
                        "cannot read " + quote(e.getValue()) + " as "
                                + e.getTargetType().getSimpleName())
                .problem());
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return toResponse(ProblemException.invalidField(jsonPath(m), "has the wrong type or shape")
                    .problem());
        }
        return toResponse(Problem.of(400, "malformed-json", "Malformed JSON", e.getOriginalMessage()));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return toResponse(Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required"));
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return toResponse(Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required"));
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return toResponse(Problem.of(403, "forbidden", "Forbidden", "Your role may not do this"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return toResponse(Problem.of(status, "server-error", "Server error", "The request could not be completed"));
        }
        if (status == 404
                && (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof DateTimeException)) {
            // JAX-RS answers 404 when a query or path parameter cannot be converted; it is bad input.
            return toResponse(Problem.of(400, "bad-request", "Bad request", "A parameter has the wrong type"));
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return toResponse(Problem.of(status, slug(reason), reason, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return toResponse(p.problem());
            }
            if (t instanceof StaleStateException || t instanceof jakarta.persistence.OptimisticLockException) {
                return toResponse(ProblemException.preconditionFailed("The resource was changed by someone else")
                        .problem());
            }
            if (t instanceof PgException pg) {
                Problem mapped = fromSqlState(pg);
                if (mapped != null) {
                    return toResponse(mapped);
                }
            }
        }
        LOG.error("unexpected failure", e);
        return toResponse(Problem.of(500, "server-error", "Server error", "The request could not be completed"));
    }

    private static Problem fromSqlState(PgException pg) {
        return switch (pg.getSqlState()) {
            case "23505" -> Problem.of(
                    409, "conflict", "Conflict", "A record with the same unique value already exists");
            case "40001", "40P01" -> Problem.of(409, "conflict", "Conflict", "A concurrent change interfered; retry");
            case "22001", "22003", "23514", "22P02", "22007", "22008" -> Problem.of(
                    400, "bad-request", "Bad request", "A value is out of range or malformed");
            default -> null;
        };
    }

    private static String fieldPath(ConstraintViolation<?> v) {
        // Method-parameter paths start "create.input."; clients need the path inside the body,
        // written like JSON: "items[0].quantity". A node's index belongs to the node before it.
        StringBuilder path = new StringBuilder();
        String last = "";
        for (Path.Node node : v.getPropertyPath()) {
            last = node.getName() == null ? last : node.getName();
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null && !path.isEmpty()) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                path.append(path.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return path.isEmpty() ? last : path.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String slug(String reason) {
        return reason == null ? "error" : reason.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
