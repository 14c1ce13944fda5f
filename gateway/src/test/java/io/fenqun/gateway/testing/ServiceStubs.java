package io.fenqun.gateway.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The services behind the gateway for tests: WireMock servers for the profile, segment and campaign
 * services, and a {@link StreamSink} that proves bodies are streamed, not buffered.
 */
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {

    /** The routes of the service that is down. */
    public static final String DOWN_PREFIX = "/api/v1/surveys";

    private static WireMockServer profile;
    private static WireMockServer segment;
    private static WireMockServer campaign;
    private static StreamSink sink;

    public static WireMockServer profile() {
        return profile;
    }

    public static WireMockServer segment() {
        return segment;
    }

    public static WireMockServer campaign() {
        return campaign;
    }

    public static StreamSink sink() {
        return sink;
    }

    @Override
    public Map<String, String> start() {
        profile = new WireMockServer(options().dynamicPort().gzipDisabled(true));
        segment = new WireMockServer(options().dynamicPort().gzipDisabled(true));
        campaign = new WireMockServer(options().dynamicPort().gzipDisabled(true));
        profile.start();
        segment.start();
        campaign.start();
        sink = StreamSink.start();
        return Map.of(
                "fenqun.gateway.services.profile.url",
                profile.baseUrl(),
                "fenqun.gateway.services.segment.url",
                segment.baseUrl(),
                "fenqun.gateway.services.campaign.url",
                campaign.baseUrl(),
                "fenqun.gateway.services.sink.url",
                sink.baseUrl(),
                "fenqun.gateway.services.sink.prefixes",
                StreamSink.PREFIX,
                "fenqun.http.upload-paths",
                "/api/v1/imports," + StreamSink.PREFIX + "/uploads",
                // configured but not running, like a service not deployed yet
                "fenqun.gateway.services.survey.url",
                "http://localhost:" + closedPort(),
                "fenqun.gateway.services.survey.prefixes",
                DOWN_PREFIX,
                "fenqun.gateway.services.survey.circuit-breaker.request-volume",
                "4",
                "fenqun.gateway.services.survey.circuit-breaker.delay",
                "30s");
    }

    /** A port nothing listens on. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        profile.stop();
        segment.stop();
        campaign.stop();
        sink.stop();
    }
}
