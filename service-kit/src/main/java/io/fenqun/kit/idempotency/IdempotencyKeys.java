package io.fenqun.kit.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes creates safe to retry. The key row is claimed in the caller's transaction before the
 * create runs: a concurrent repeat waits on it, a later repeat finds the stored result, and a
 * failed create rolls the claim back with everything else.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;

    private final ObjectMapper json;

    public IdempotencyKeys(ObjectMapper json) {
        this.json = json;
    }

    /** The outcome of a create: its status, its body and the id of what it created. */
    public record Outcome<T>(int status, T body, String resourceId, boolean replayed) {}

    /**
     * Runs {@code create} once per (scope, key). Must be called inside a transaction. Without a key
     * the create simply runs.
     */
    public <T> Uni<Outcome<T>> once(
            String scope,
            String key,
            Object request,
            Class<T> bodyType,
            Supplier<Uni<T>> create,
            Function<T, String> resourceId,
            int status) {
        if (key == null) {
            return create.get().map(body -> new Outcome<>(status, body, resourceId.apply(body), false));
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "INSERT INTO idempotency_key (scope, key, request_hash, status) VALUES (:scope, :key, :hash, 0)"
                                + " ON CONFLICT DO NOTHING")
                .setParameter("scope", scope)
                .setParameter("key", key)
                .setParameter("hash", hash)
                .executeUpdate()
                .flatMap(claimed -> claimed == 1
                        ? create.get().flatMap(body -> session.createNativeQuery(
                                        "UPDATE idempotency_key SET status = :status, resource_id = :rid,"
                                                + " response = CAST(CAST(:response AS text) AS jsonb) WHERE scope = :scope AND key = :key")
                                .setParameter("status", status)
                                .setParameter("rid", resourceId.apply(body))
                                .setParameter("response", write(body))
                                .setParameter("scope", scope)
                                .setParameter("key", key)
                                .executeUpdate()
                                .map(ignored -> new Outcome<>(status, body, resourceId.apply(body), false)))
                        : session.createNativeQuery(
                                        "SELECT request_hash, status, response::text FROM idempotency_key"
                                                + " WHERE scope = :scope AND key = :key",
                                        Object[].class)
                                .setParameter("scope", scope)
                                .setParameter("key", key)
                                .getResultList()
                                .map(rows -> replay(rows, hash, bodyType))));
    }

    /** Forgets stored responses about a resource, for erasure of personal data. */
    public Uni<Integer> forgetResource(String resourceId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("DELETE FROM idempotency_key WHERE resource_id = :rid")
                        .setParameter("rid", resourceId)
                        .executeUpdate());
    }

    private <T> Outcome<T> replay(List<Object[]> rows, String hash, Class<T> bodyType) {
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw ProblemException.unprocessable("Idempotency-Key was already used with a different request body");
        }
        try {
            T body = json.readValue((String) row[2], bodyType);
            return new Outcome<>(((Number) row[1]).intValue(), body, null, true);
        } catch (Exception e) {
            throw new IllegalStateException("stored idempotent response is unreadable", e);
        }
    }

    private String hash(Object request) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("not serialisable", e);
        }
    }
}
