package io.fenqun.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.gateway.testing.GatewayTest;
import io.fenqun.gateway.testing.ServiceStubs;
import io.fenqun.gateway.testing.StreamSink;
import io.fenqun.kit.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Large bodies pass through while they are still being sent: neither direction is buffered whole. */
@GatewayTest
class StreamingTest {

    private static final int UPLOAD_PARTS = 64;

    @TestHTTPResource("/")
    URI gateway;

    // HTTP/1.1 as browsers and curl speak it: an h2c upgrade request has its body read whole first
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void reset() {
        ServiceStubs.sink().reset();
    }

    @Test
    void aLargeUploadReachesTheServiceBeforeTheClientHasSentIt() throws Exception {
        StreamSink sink = ServiceStubs.sink();
        HttpRequest upload = HttpRequest.newBuilder(gateway.resolve(StreamSink.PREFIX + "/uploads"))
                .header("Authorization", TestTokens.bearer("admin"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new HeldBackBody(sink)))
                .build();
        HttpResponse<String> response = http.send(upload, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"bytes\":" + (long) UPLOAD_PARTS * StreamSink.PART + "}", response.body());
    }

    @Test
    void aLargeDownloadReachesTheClientBeforeTheServiceHasSentIt() throws Exception {
        HttpRequest download = HttpRequest.newBuilder(gateway.resolve(StreamSink.PREFIX + "/downloads"))
                .header("Authorization", TestTokens.bearer("admin"))
                .build();
        HttpResponse<InputStream> response = http.send(download, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertEquals(StreamSink.PART, body.readNBytes(StreamSink.PART).length);
            ServiceStubs.sink().downloadRead.countDown();
            assertEquals(StreamSink.PART, body.readAllBytes().length);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        // no Content-Length, so only counting on the way through can catch it (JSON limit: 1 MiB)
        HttpRequest upload = HttpRequest.newBuilder(gateway.resolve(StreamSink.PREFIX + "/json"))
                .header("Authorization", TestTokens.bearer("admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[3 << 20])))
                .build();
        HttpResponse<String> response = http.send(upload, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
    }

    /** Sends one part, then waits until the service has seen bytes before sending the rest. */
    private static final class HeldBackBody extends InputStream {
        private final StreamSink sink;
        private long remaining = (long) UPLOAD_PARTS * StreamSink.PART;
        private boolean waited;

        HeldBackBody(StreamSink sink) {
            this.sink = sink;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            long sent = (long) UPLOAD_PARTS * StreamSink.PART - remaining;
            if (!waited && sent >= StreamSink.PART) {
                try {
                    assertTrue(
                            sink.uploadStarted.await(20, TimeUnit.SECONDS),
                            "the service saw nothing of the upload before the client finished it");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                waited = true;
            }
            int n = (int) Math.min(length, waited ? remaining : StreamSink.PART - sent);
            remaining -= n;
            return n;
        }
    }
}
