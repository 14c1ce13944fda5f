package io.fenqun.campaign.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Native SQL in the caller's session or transaction, with named parameters. Parameters the
 * statement does not name are ignored, so statements built from optional parts share one binding;
 * values may be null.
 */
public final class NativeSql {

    private final String sql;
    private final Map<String, Object> params = new HashMap<>();

    private NativeSql(String sql) {
        this.sql = sql;
    }

    public static NativeSql of(String sql) {
        return new NativeSql(sql);
    }

    public NativeSql bind(String name, Object value) {
        params.put(name, value);
        return this;
    }

    public Uni<Integer> update() {
        return Panache.getSession()
                .flatMap(session -> bound(session.createNativeQuery(sql)).executeUpdate());
    }

    public Uni<List<Object[]>> rows() {
        return Panache.getSession().flatMap(session -> bound(session.createNativeQuery(sql, Object[].class))
                .getResultList());
    }

    /** The single value of the first row, or null without rows. */
    public Uni<Object> value() {
        return Panache.getSession()
                .flatMap(session -> bound(session.createNativeQuery(sql)).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    private <Q extends Mutiny.AbstractQuery> Q bound(Q query) {
        params.forEach((name, value) -> {
            if (Pattern.compile(":" + name + "\\b").matcher(sql).find()) {
                query.setParameter(name, value);
            }
        });
        return query;
    }
}
