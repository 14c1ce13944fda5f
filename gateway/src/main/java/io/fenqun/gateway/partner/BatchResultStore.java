package io.fenqun.gateway.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenqun.kit.idempotency.IdempotencyKeys;
import io.fenqun.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Batch results by Idempotency-Key: a repeat with the same key and body answers the first result, the
 * same key with another body is 422, and a repeat while the first still runs is 409. The claim is a
 * row written before the batch runs (not a held transaction: a batch makes hundreds of calls).
 */
@ApplicationScoped
public class BatchResultStore {

    static final int MAX_KEY_LENGTH = 200;

    private final Pool pool;
    private final ObjectMapper json;

    public BatchResultStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<BatchResponse> once(
            String caller, String kind, String key, BatchRequest request, Supplier<Uni<BatchResponse>> run) {
        if (key == null) {
            return run.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField(
                    IdempotencyKeys.HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        return pool.preparedQuery("INSERT INTO batch_result (caller, kind, idempotency_key, request_hash)"
                        + " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(caller, kind, key, hash))
                .chain(claimed -> claimed.rowCount() == 1
                        ? run.get()
                                .call(response -> store(caller, kind, key, response))
                                .onFailure()
                                .call(() -> forget(caller, kind, key))
                        : replay(caller, kind, key, hash));
    }

    private Uni<Void> store(String caller, String kind, String key, BatchResponse response) {
        return pool.preparedQuery("UPDATE batch_result SET response = $4::jsonb"
                        + " WHERE caller = $1 AND kind = $2 AND idempotency_key = $3")
                .execute(Tuple.of(caller, kind, key, new JsonObject(write(response))))
                .replaceWithVoid();
    }

    private Uni<Void> forget(String caller, String kind, String key) {
        return pool.preparedQuery("DELETE FROM batch_result WHERE caller = $1 AND kind = $2 AND idempotency_key = $3")
                .execute(Tuple.of(caller, kind, key))
                .replaceWithVoid();
    }

    private Uni<BatchResponse> replay(String caller, String kind, String key, String hash) {
        return pool.preparedQuery("SELECT request_hash, response::text AS response FROM batch_result"
                        + " WHERE caller = $1 AND kind = $2 AND idempotency_key = $3")
                .execute(Tuple.of(caller, kind, key))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (!hash.equals(row.getString("request_hash"))) {
                        throw ProblemException.unprocessable(
                                "Idempotency-Key was already used with a different request body");
                    }
                    if (row.getString("response") == null) {
                        throw ProblemException.conflict("A batch with this Idempotency-Key is still running");
                    }
                    return read(row.getString("response"));
                });
    }

    private String hash(BatchRequest request) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(write(request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable", e);
        }
    }

    private BatchResponse read(String stored) {
        try {
            return json.readValue(stored, BatchResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored batch result is unreadable", e);
        }
    }
}
