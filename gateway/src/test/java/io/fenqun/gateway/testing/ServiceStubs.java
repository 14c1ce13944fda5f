package io.fenqun.gateway.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The services behind the gateway for tests: a WireMock server for the profile service, one for the
 * segment service, and a {@link StreamSink} that proves bodies are streamed, not buffered.
 */
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer profile;
    private static WireMockServer segment;
    private static StreamSink sink;

    public static WireMockServer profile() {
        return profile;
    }

    public static WireMockServer segment() {
        return segment;
    }

    public static StreamSink sink() {
        return sink;
    }

    @Override
    public Map<String, String> start() {
        profile = new WireMockServer(options().dynamicPort().gzipDisabled(true));
        segment = new WireMockServer(options().dynamicPort().gzipDisabled(true));
        profile.start();
        segment.start();
        sink = StreamSink.start();
        return Map.of(
                "fenqun.gateway.services.profile.url", profile.baseUrl(),
                "fenqun.gateway.services.segment.url", segment.baseUrl(),
                "fenqun.gateway.services.sink.url", sink.baseUrl(),
                "fenqun.gateway.services.sink.prefixes", StreamSink.PREFIX);
    }

    @Override
    public void stop() {
        profile.stop();
        segment.stop();
        sink.stop();
    }
}
