package io.fenqun.gateway.bench;

import static io.restassured.RestAssured.given;

import io.fenqun.kit.testing.EmbeddedPostgresResource;
import io.fenqun.kit.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * make bench-gateway (not part of make test: surefire runs *Test classes only). Loads GET
 * /api/v1/customers/{id} on a real profile service, straight and through the gateway, in alternating
 * rounds of the same length and concurrency, and prints throughput, p50 and p99 of both and their
 * ratios. Targets (DESIGN.md section 5): >= 0.8x the direct throughput, < 1 ms added at p50.
 */
@QuarkusTest
@TestProfile(GatewayBenchmark.RealServices.class)
class GatewayBenchmark {

    /** The real profile service instead of the stubs the tests use. */
    public static class RealServices implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(EmbeddedPostgresResource.class),
                    new TestResourceEntry(RealProfileService.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    static final int CUSTOMERS = 200;
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
    static final Duration ROUND = Duration.ofSeconds(Integer.getInteger("bench.round-seconds", 10));
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @TestHTTPResource("/")
    URI gateway;

    private final String token = TestTokens.bearer("admin", "bench-user");
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4))
            .build();

    private record Result(long requests, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
        }

        static Result combine(List<Result> results) {
            long requests = results.stream().mapToLong(Result::requests).sum();
            double seconds = results.stream().mapToDouble(Result::seconds).sum();
            long[] all = results.stream()
                    .flatMapToLong(r -> Arrays.stream(r.latenciesNanos()))
                    .toArray();
            return new Result(requests, seconds, all);
        }
    }

    @Test
    void gatewayAgainstDirect() throws Exception {
        String direct = RealProfileService.baseUrl();
        String through = gateway.toString().replaceAll("/$", "");
        List<String> ids = createCustomers(direct);
        // warm both paths (JIT, connection pools) before measuring
        load(direct, ids, Duration.ofSeconds(5), CONCURRENCY);
        load(through, ids, Duration.ofSeconds(5), CONCURRENCY);
        compare(
                "throughput: %d concurrent clients, %d x %d s rounds each"
                        .formatted(CONCURRENCY, ROUNDS, ROUND.toSeconds()),
                direct,
                through,
                ids,
                CONCURRENCY);
        // Saturated, every path shares the same two cores, so latency there mostly shows the
        // throughput ratio; one client at a time shows what the gateway itself adds.
        compare(
                "latency: 1 client, %d x %d s rounds each".formatted(ROUNDS, ROUND.toSeconds()),
                direct,
                through,
                ids,
                1);
    }

    private void compare(String title, String direct, String through, List<String> ids, int concurrency)
            throws Exception {
        List<Result> directRounds = new ArrayList<>();
        List<Result> gatewayRounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            directRounds.add(load(direct, ids, ROUND, concurrency));
            gatewayRounds.add(load(through, ids, ROUND, concurrency));
        }
        Result straight = Result.combine(directRounds);
        Result proxied = Result.combine(gatewayRounds);
        double ratio = proxied.perSecond() / straight.perSecond();
        double addedP50 = proxied.percentileMillis(0.5) - straight.percentileMillis(0.5);
        System.out.printf("%nGET /api/v1/customers/{id}, %s%n", title);
        print("direct to profile", straight);
        print("through the gateway", proxied);
        System.out.printf(
                "throughput ratio %.2fx (target >= 0.80: %s); added at p50 %.3f ms (target < 1 ms: %s);"
                        + " added at p99 %.3f ms%n%n",
                ratio,
                ratio >= 0.8 ? "met" : "NOT met",
                addedP50,
                addedP50 < 1 ? "met" : "NOT met",
                proxied.percentileMillis(0.99) - straight.percentileMillis(0.99));
    }

    private static void print(String name, Result result) {
        System.out.printf(
                "%-22s %9.0f req/s   p50 %7.3f ms   p99 %7.3f ms   (%d requests)%n",
                name,
                result.perSecond(),
                result.percentileMillis(0.5),
                result.percentileMillis(0.99),
                result.requests());
    }

    private List<String> createCustomers(String direct) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            ids.add(given().baseUri(direct)
                    .header("Authorization", token)
                    .contentType("application/json")
                    .body(Map.of(
                            "kind",
                            "PERSON",
                            "name",
                            "压测客户" + i,
                            "phone",
                            "1381234" + String.format("%04d", i),
                            "tags",
                            List.of("bench")))
                    .post("/api/v1/customers")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }
        return ids;
    }

    private Result load(String base, List<String> ids, Duration length, int concurrency) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + length.toNanos();
        long started = System.nanoTime();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            futures.add(workers.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < end) {
                    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/" + id))
                            .header("Authorization", token)
                            .build();
                    long before = System.nanoTime();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - before;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(base + " answered " + response.statusCode());
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        workers.shutdown();
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(latencies.length, seconds, latencies);
    }
}
