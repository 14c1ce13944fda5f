package io.fenqun.gateway.bench;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real customer-profile-service for the benchmark: its runnable jar (built by make
 * bench-gateway) started as its own process on a database of the embedded PostgreSQL, the way
 * make run starts it.
 */
public class RealProfileService implements QuarkusTestResourceLifecycleManager {

    static final Path JAR = Path.of("..", "customer-profile-service", "target", "quarkus-app", "quarkus-run.jar");

    private static String baseUrl;
    private Process process;

    static String baseUrl() {
        return baseUrl;
    }

    @Override
    public Map<String, String> start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run make bench-gateway");
        }
        String database = EmbeddedPostgresResource.createDatabase();
        int port = freePort();
        String db = "localhost:" + EmbeddedPostgresResource.server().getPort() + "/" + database;
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "bench-profile-service.log").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("DB_USER", "postgres");
        builder.environment().put("DB_PASSWORD", "postgres");
        builder.environment().put("DB_REACTIVE_URL", "postgresql://" + db);
        builder.environment().put("DB_JDBC_URL", "jdbc:postgresql://" + db);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        baseUrl = "http://localhost:" + port;
        awaitReady();
        return Map.of(
                "fenqun.gateway.services.profile.url", baseUrl,
                // the benchmark is one user sending as fast as it can
                "fenqun.gateway.rate-limit.per-user-per-minute", "1000000000",
                "quarkus.http.access-log.enabled", "false");
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("profile service stopped; see target/bench-profile-service.log");
            }
            try {
                HttpResponse<Void> ready = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("profile service not ready in 90 s; see target/bench-profile-service.log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
