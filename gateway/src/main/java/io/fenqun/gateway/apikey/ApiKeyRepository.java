package io.fenqun.gateway.apikey;

import io.fenqun.kit.paging.Page;
import io.fenqun.kit.paging.PageRequest;
import io.fenqun.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys in the gateway's database, through the reactive client directly: the lookup runs on the
 * event loop for every partner request, before any REST layer.
 */
@ApplicationScoped
public class ApiKeyRepository {

    private static final String COLUMNS = "id, name, key_prefix, partner_source, scopes, rate_limit_per_minute,"
            + " created_at, created_by, revoked_at, revoked_by";

    private final Pool pool;

    public ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<ApiKey> insert(ApiKey key, String keyHash) {
        return pool.preparedQuery("INSERT INTO api_key (id, name, key_prefix, key_hash, partner_source, scopes,"
                        + " rate_limit_per_minute, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "
                        + COLUMNS)
                .execute(Tuple.from(List.of(
                        key.id(),
                        key.name(),
                        key.keyPrefix(),
                        keyHash,
                        key.partnerSource(),
                        key.scopes().toArray(String[]::new),
                        key.rateLimitPerMinute(),
                        key.createdBy())))
                .map(rows -> read(rows.iterator().next()));
    }

    /** The key with this hash, revoked or not. */
    public Uni<Optional<ApiKey>> findByHash(String keyHash) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_key WHERE key_hash = $1")
                .execute(Tuple.of(keyHash))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(read(rows.iterator().next())));
    }

    public Uni<Optional<ApiKey>> findById(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_key WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(read(rows.iterator().next())));
    }

    /** Newest first (ids are time-ordered), one page after the request's cursor. */
    public Uni<Page<ApiKey>> list(PageRequest request) {
        UUID after = request.after() == null ? null : cursorId(request.after());
        String where = after == null ? "" : " WHERE id < $2";
        Tuple params = after == null ? Tuple.of(request.fetchSize()) : Tuple.of(request.fetchSize(), after);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_key" + where + " ORDER BY id DESC LIMIT $1")
                .execute(params)
                .map(rows -> {
                    List<ApiKey> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(read(row)));
                    return request.page(keys, key -> key.id().toString());
                });
    }

    private static UUID cursorId(String after) {
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }

    /** Revokes an active key; empty when there is no such key. Revoking twice keeps the first time. */
    public Uni<Optional<ApiKey>> revoke(UUID id, String by) {
        return pool.preparedQuery("UPDATE api_key SET revoked_at = coalesce(revoked_at, now()),"
                        + " revoked_by = coalesce(revoked_by, $2) WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, by))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(read(rows.iterator().next())));
    }

    private static ApiKey read(Row row) {
        return new ApiKey(
                row.getUUID("id"),
                row.getString("name"),
                row.getString("key_prefix"),
                row.getString("partner_source"),
                Arrays.asList(row.getArrayOfStrings("scopes")),
                row.getInteger("rate_limit_per_minute"),
                instant(row.getOffsetDateTime("created_at")),
                row.getString("created_by"),
                instant(row.getOffsetDateTime("revoked_at")),
                row.getString("revoked_by"));
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }
}
