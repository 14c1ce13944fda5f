package io.fenqun.campaign.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.campaign.campaign.CampaignConfig;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrackingLinksTest {

    static TrackingLinks links(String secret) {
        return new TrackingLinks(new CampaignConfig() {
            public ZoneId timeZone() {
                return ZoneId.of("Asia/Shanghai");
            }

            public LocalTime dailyCheckAt() {
                return LocalTime.of(9, 0);
            }

            public String publicUrl() {
                return "https://shop.example.com/";
            }

            public String linkSecret() {
                return secret;
            }
        });
    }

    @Test
    void signedTokensVerifyAndNothingElseDoes() {
        TrackingLinks links = links("one secret");
        UUID delivery = UUID.randomUUID();
        String token = links.token(delivery);
        assertEquals(Optional.of(delivery), links.verify(token));
        assertEquals("https://shop.example.com/api/v1/tracking/click/" + token, links.click(delivery));
        assertTrue(
                links.verify(UUID.randomUUID() + token.substring(token.indexOf('.')))
                        .isEmpty(),
                "another id");
        assertTrue(links("another secret").verify(token).isEmpty(), "another key");
        assertTrue(links.verify("garbage").isEmpty());
        assertTrue(links.verify("not-a-uuid.AAAA").isEmpty());
        assertTrue(links.verify(delivery + ".!!!").isEmpty());
    }
}
