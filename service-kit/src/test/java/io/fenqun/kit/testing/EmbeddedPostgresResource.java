package io.fenqun.kit.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s: one embedded server per test JVM, a fresh database
 * for every test resource start, so test classes never see each other's rows.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        // Sized like a server rather than initdb's 128 MB: the benchmarks run a million
                        // customers through it, their baselines on the same server.
                        .setServerConfig("shared_buffers", "2GB")
                        // Batch writes of that size would otherwise start checkpoints mid-statement.
                        .setServerConfig("max_wal_size", "8GB")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresResource::stopServer));
        }
        return server;
    }

    /** Creates an empty database and returns its name. */
    public static String createDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return name;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
    }

    @Override
    public Map<String, String> start() {
        String database = createDatabase();
        int port = server().getPort();
        return Map.of(
                "quarkus.datasource.username",
                "postgres",
                "quarkus.datasource.password",
                "postgres",
                "quarkus.datasource.jdbc.url",
                jdbcUrl(database),
                "quarkus.datasource.reactive.url",
                "postgresql://localhost:" + port + "/" + database);
    }

    @Override
    public void stop() {
        // The server is shared by every test class of this JVM; it stops with the JVM.
    }

    private static synchronized void stopServer() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
