package io.fenqun.runner;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole suite on one machine: one embedded PostgreSQL (data kept in .fenqun/pgdata) with a
 * database and role per service, then each service's JVM, stopped in reverse order on Ctrl-C.
 */
final class Suite {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path repo;
    /** Where PostgreSQL keeps its data and the services their logs. */
    private final Path workDirectory;

    private final SuiteSettings settings;
    private final PrintStream out;
    /** Set for every service on top of what the suite sets, e.g. an SMTP server for a test. */
    private final Map<String, String> environment;

    private final List<Process> processes = new ArrayList<>();
    private EmbeddedPostgres postgres;

    Suite(Path repo, SuiteSettings settings, PrintStream out) {
        this(repo, repo.resolve(".fenqun"), settings, out, Map.of());
    }

    Suite(Path repo, Path workDirectory, SuiteSettings settings, PrintStream out, Map<String, String> environment) {
        this.repo = repo;
        this.workDirectory = workDirectory;
        this.settings = settings;
        this.out = out;
        this.environment = environment;
    }

    void runUntilStopped() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop();
            stopped.countDown();
        }));
        start();
        printWelcome();
        stopped.await();
    }

    /** Starts PostgreSQL and every service and waits until all are ready. */
    void start() throws Exception {
        checkPortsAndBuild();
        startPostgres();
        for (SuiteSettings.Service service : settings.services()) {
            processes.add(start(service));
        }
        for (SuiteSettings.Service service : settings.services()) {
            awaitReady(service);
        }
    }

    private void checkPortsAndBuild() {
        Ports.requireFree(settings.postgresPort(), "embedded PostgreSQL", "set FENQUN_PG_PORT to another port");
        for (SuiteSettings.Service service : settings.services()) {
            Ports.requireFree(service.port(), service.name(), null);
            if (!Files.isRegularFile(runnableJar(service))) {
                throw new SuiteException(runnableJar(service) + " is missing: build first (make run does)");
            }
        }
    }

    private void startPostgres() throws IOException, SQLException {
        Path data = workDirectory.resolve("pgdata");
        Files.createDirectories(data);
        out.println("fenqun: starting PostgreSQL on port " + settings.postgresPort() + " (data in " + data + ")");
        postgres = EmbeddedPostgres.builder()
                .setPort(settings.postgresPort())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            for (SuiteSettings.Service service : settings.services()) {
                ensureDatabase(c, service.database());
            }
        }
    }

    /** One role and one database per service; the role's password is its name (dev only). */
    static void ensureDatabase(Connection c, String name) throws SQLException {
        if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
            }
        }
        if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name + " OWNER " + name);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, name);
            return p.executeQuery().next();
        }
    }

    private Process start(SuiteSettings.Service service) throws IOException {
        Path logs = Files.createDirectories(workDirectory.resolve("logs"));
        Path log = log(service);
        String db = "localhost:" + settings.postgresPort() + "/" + service.database();
        ProcessBuilder builder = new ProcessBuilder(
                        javaExecutable(), "-jar", runnableJar(service).toString())
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("PORT", Integer.toString(service.port()));
        builder.environment().put("DB_USER", service.database());
        builder.environment().put("DB_PASSWORD", service.database());
        builder.environment().put("DB_REACTIVE_URL", "postgresql://" + db);
        builder.environment().put("DB_JDBC_URL", "jdbc:postgresql://" + db);
        // Each service finds the others by <DATABASE>_URL, e.g. segment-service follows PROFILE_URL's feed.
        for (SuiteSettings.Service other : settings.services()) {
            builder.environment()
                    .put(other.database().toUpperCase(Locale.ROOT) + "_URL", "http://localhost:" + other.port());
        }
        builder.environment()
                .put(
                        "SMALLRYE_JWT_SIGN_KEY_LOCATION",
                        repo.resolve("dev-keys/private.pem").toUri().toString());
        // Links in messages (tracking, unsubscribe) point at the front door.
        builder.environment()
                .put("PUBLIC_URL", "http://localhost:" + frontDoor().port());
        builder.environment().putAll(environment);
        out.println("fenqun: starting " + service.name() + " on port " + service.port() + " (log: " + log + ")");
        return builder.start();
    }

    private void awaitReady(SuiteSettings.Service service) throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://localhost:" + service.port() + "/q/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Process process = processes.get(settings.services().indexOf(service));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new SuiteException(service.name() + " stopped while starting; see " + log(service));
            }
            try {
                HttpResponse<Void> response =
                        http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting until the deadline
            }
            Thread.sleep(300);
        }
        throw new SuiteException(
                service.name() + " was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log(service));
    }

    private void printWelcome() {
        out.println();
        out.println("Fenqun is running. Ctrl-C stops everything.");
        String main = "http://localhost:" + frontDoor().port();
        out.println("  Use the gateway:           " + main + "/api/v1   (Swagger UI of the whole suite " + main
                + "/q/swagger-ui)");
        for (SuiteSettings.Service service : settings.services()) {
            String base = "http://localhost:" + service.port();
            out.printf(
                    "  %-26s %s/api/v1   (Swagger UI %s/q/swagger-ui, metrics %s/q/metrics)%n",
                    service.name(), base, base, base);
        }
        out.println("  PostgreSQL                 localhost:" + settings.postgresPort()
                + " (one database and role per service)");
        out.println("Get a token:  make token ROLE=admin     (roles: admin marketer sales analyst support partner)");
        out.println("First call:   curl -H \"Authorization: Bearer $(make -s token ROLE=admin)\" " + main
                + "/api/v1/customers");
    }

    /** The gateway; a suite of fewer services (in tests) is reached at its first one. */
    private SuiteSettings.Service frontDoor() {
        return settings.services().stream()
                .filter(s -> s.name().equals(SuiteSettings.FRONT_DOOR))
                .findFirst()
                .orElse(settings.services().get(0));
    }

    /** Kills a service the hard way (SIGKILL): no shutdown hook runs, as when a machine dies. */
    synchronized void kill(String name) throws InterruptedException {
        Process process = processes.get(indexOf(name));
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts a killed service again and waits until it is ready. */
    synchronized void restart(String name) throws IOException, InterruptedException {
        int index = indexOf(name);
        processes.set(index, start(settings.services().get(index)));
        awaitReady(settings.services().get(index));
    }

    private int indexOf(String name) {
        for (int i = 0; i < settings.services().size(); i++) {
            if (settings.services().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no service " + name);
    }

    private Path log(SuiteSettings.Service service) {
        return workDirectory.resolve("logs").resolve(service.name() + ".log");
    }

    /** Stops services first (they may still write), then the database. */
    synchronized void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("fenqun: PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
        out.println("fenqun: stopped");
    }

    private Path runnableJar(SuiteSettings.Service service) {
        return repo.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
