package io.fenqun.campaign.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.responsetemplating.ResponseTemplateTransformer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The world around campaign-service in tests: the profile service's contact lookup and the SMS and
 * push providers (WireMock), and a real SMTP server (GreenMail).
 *
 * <p>By default every customer has contact details made from their id ({@code <id>@customers.test},
 * a phone number) and the providers accept every message; tests add stubs of higher priority for
 * the cases they need.
 */
public class Stubs implements QuarkusTestResourceLifecycleManager {

    public static final String SMS_CALLBACK_TOKEN = "sms-callback-secret";

    private static WireMockServer profile;
    private static WireMockServer providers;
    private static GreenMail smtp;

    public static WireMockServer profile() {
        return profile;
    }

    public static WireMockServer providers() {
        return providers;
    }

    public static GreenMail smtp() {
        return smtp;
    }

    @Override
    public Map<String, String> start() {
        profile = new WireMockServer(
                options().dynamicPort().templatingEnabled(true).globalTemplating(false));
        providers = new WireMockServer(
                options().dynamicPort().templatingEnabled(true).globalTemplating(false));
        profile.start();
        providers.start();
        resetProfile();
        resetProviders();
        smtp = new GreenMail(new ServerSetup(0, null, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return Map.of(
                "quarkus.rest-client.profile.url",
                profile.baseUrl(),
                "fenqun.providers.sms.url",
                providers.baseUrl() + "/sms",
                "fenqun.providers.sms.callback-token",
                SMS_CALLBACK_TOKEN,
                "fenqun.providers.push.url",
                providers.baseUrl() + "/push",
                "quarkus.mailer.host",
                "localhost",
                "quarkus.mailer.port",
                Integer.toString(smtp.getSmtp().getPort()),
                "fenqun.campaigns.public-url",
                "https://fenqun.test");
    }

    /** Everyone has an email and a phone made from their id. */
    public static void resetProfile() {
        profile.resetAll();
        profile.stubFor(post(urlPathEqualTo("/api/v1/customers/contacts"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                """
                                {"contacts":[{{#each (jsonPath request.body '$.ids') as |id|}}{{#unless @first}},{{/unless}}\
                                {"id":"{{id}}","kind":"PERSON","name":"顾客","email":"{{id}}@customers.test",\
                                "phone":"+8613800000000","preferredChannels":[],"preferredCategories":["茶叶"]}{{/each}}]}""")
                        .withTransformers(ResponseTemplateTransformer.NAME)));
    }

    /** Both providers accept every message, answering for each id. */
    public static void resetProviders() {
        providers.resetAll();
        for (String provider : new String[] {"sms", "push"}) {
            providers.stubFor(post(urlPathEqualTo("/" + provider + "/v1/messages:batch"))
                    .atPriority(10)
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody(
                                    """
                                    {"results":[{{#each (jsonPath request.body '$.messages') as |m|}}{{#unless @first}},{{/unless}}\
                                    {"id":"{{m.id}}","status":"ACCEPTED","providerMessageId":"p-{{m.id}}"}{{/each}}]}""")
                            .withTransformers(ResponseTemplateTransformer.NAME)));
        }
    }

    @Override
    public void stop() {
        profile.stop();
        providers.stop();
        smtp.stop();
    }
}
