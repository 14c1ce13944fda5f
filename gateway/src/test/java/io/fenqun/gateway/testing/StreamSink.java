package io.fenqun.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A service that shows whether the gateway streams (an upload path, under the upload limit) and
 * counts bodies on the way (a JSON path, under the JSON limit). An upload is answered with its byte count, and
 * {@link #uploadStarted} opens as soon as its first bytes arrive, while the client still holds the
 * rest back. A download sends its first part and the rest only after the client has read that part
 * ({@link #downloadRead}). A gateway that buffered whole bodies would deadlock both.
 */
public final class StreamSink {

    public static final String PREFIX = "/api/v1/stream-test";
    public static final int PART = 1 << 20;

    public volatile CountDownLatch uploadStarted = new CountDownLatch(1);
    public volatile CountDownLatch downloadRead = new CountDownLatch(1);

    private final HttpServer server;

    private StreamSink(HttpServer server) {
        this.server = server;
    }

    static StreamSink start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            StreamSink sink = new StreamSink(server);
            server.createContext(PREFIX + "/uploads", sink::upload);
            server.createContext(PREFIX + "/json", sink::upload);
            server.createContext(PREFIX + "/downloads", sink::download);
            server.createContext("/q/openapi", sink::openapi);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void reset() {
        uploadStarted = new CountDownLatch(1);
        downloadRead = new CountDownLatch(1);
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void upload(HttpExchange exchange) throws IOException {
        long total = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                uploadStarted.countDown();
            }
        }
        reply(exchange, 200, "{\"bytes\":" + total + "}");
    }

    private void download(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(new byte[PART]);
            out.flush();
            if (!downloadRead.await(20, TimeUnit.SECONDS)) {
                return; // the client never saw the first part: the response is cut short
            }
            out.write(new byte[PART]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void openapi(HttpExchange exchange) throws IOException {
        reply(
                exchange,
                200,
                """
                {"openapi":"3.1.0","info":{"title":"sink","version":"1"},"paths":{
                 "/api/v1/stream-test/uploads":{"post":{"responses":{"200":{"description":"byte count"}}}},
                 "/api/v1/stream-test/json":{"post":{"responses":{"200":{"description":"byte count"}}}},
                 "/api/v1/stream-test/downloads":{"get":{"responses":{"200":{"description":"bytes"}}}}}}
                """);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
