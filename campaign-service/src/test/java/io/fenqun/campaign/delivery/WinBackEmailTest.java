package io.fenqun.campaign.delivery;

import static io.fenqun.campaign.testing.Campaigns.MARKETER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.campaign.testing.CampaignTest;
import io.fenqun.campaign.testing.Campaigns;
import io.fenqun.campaign.testing.Feeds;
import io.fenqun.campaign.testing.Stubs;
import io.fenqun.kit.ids.Ids;
import io.fenqun.kit.testing.TestDatabase;
import io.restassured.RestAssured;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The win-back journey: a customer enters "At Risk", gets exactly one email over real SMTP with a
 * coupon of their own, opens it, clicks through, and buys with the coupon, which counts as a
 * conversion; a withdrawal of consent stops the very next message.
 */
@CampaignTest
class WinBackEmailTest {

    static final Pattern COUPON = Pattern.compile("券码 (WB-[0-9A-Z]{10})");
    static final Pattern LINK =
            Pattern.compile("https://fenqun\\.test(/api/v1/tracking/[a-z]+/[0-9a-f-]+\\.[A-Za-z0-9_-]+)");

    UUID atRisk;
    UUID campaign;

    @BeforeEach
    void winBackCampaign() throws Exception {
        Campaigns.relaxPolicy();
        Stubs.smtp().purgeEmailFromAllMailboxes();
        atRisk = Ids.newId();
        campaign = Campaigns.create(
                """
                {"name":"At Risk win-back","channel":"EMAIL","purpose":"MARKETING",
                 "audience":{"segments":["%s"]},
                 "schedule":{"kind":"TRIGGER","trigger":{"kind":"SEGMENT_ENTERED"}},
                 "variants":[{"name":"A","weight":1,"templates":{"zh-CN":{"subject":"{customer.name}，好久不见",
                   "body":"<p>券码 {coupon.code}，{coupon.validUntil} 前有效，{coupon.description}。</p><a href=\\"{links.click}\\">去看看</a> <a href=\\"{links.unsubscribe}\\">退订</a>{#for p in recommendations}<i>{p.name}</i>{/for}"}}}],
                 "coupon":{"prefix":"WB","validDays":14,"description":"满 100 减 20"},
                 "conversionWindowDays":14,"landingUrl":"https://shop.example.com/back",
                 "products":[{"name":"龙井","category":"茶叶","price":88},{"name":"紫砂壶","category":"茶具"}]}"""
                        .formatted(atRisk));
        Campaigns.schedule(campaign);
    }

    @Test
    void enteringAtRiskSendsOneEmailWhoseCouponConverts() throws Exception {
        UUID customer = Feeds.customer("1990-03-08");
        Feeds.consent(customer, "EMAIL", "MARKETING", true);
        Feeds.entered(atRisk, customer);
        // leaving and entering again does not send a second win-back
        Feeds.exited(atRisk, customer);
        Feeds.entered(atRisk, customer);
        Campaigns.send("sender-a");
        Campaigns.send("sender-b");

        MimeMessage[] received = Stubs.smtp().getReceivedMessages();
        assertEquals(1, received.length, "exactly one email");
        MimeMessage email = received[0];
        assertEquals(customer + "@customers.test", email.getAllRecipients()[0].toString());
        assertEquals("顾客，好久不见", email.getSubject());
        assertTrue(email.getHeader("List-Unsubscribe")[0].contains("/api/v1/tracking/unsubscribe/"));
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(email);
        String html = decoded(email, body);
        Matcher coupon = COUPON.matcher(html);
        assertTrue(coupon.find(), html);
        assertTrue(html.indexOf("龙井") < html.indexOf("紫砂壶"), "preferred category recommended first");

        List<String> links = links(html);
        RestAssured.given()
                .get(links.stream()
                        .filter(l -> l.contains("/open/"))
                        .findFirst()
                        .orElseThrow())
                .then()
                .statusCode(200)
                .contentType("image/gif");
        RestAssured.given()
                .redirects()
                .follow(false)
                .get(links.stream()
                        .filter(l -> l.contains("/click/"))
                        .findFirst()
                        .orElseThrow())
                .then()
                .statusCode(303)
                .header("Location", "https://shop.example.com/back");
        String click =
                links.stream().filter(l -> l.contains("/click/")).findFirst().orElseThrow();
        RestAssured.given()
                .redirects()
                .follow(false)
                .get(click.substring(0, click.indexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAA")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        UUID order =
                Feeds.order(customer, Feeds.now(), "168.00", coupon.group(1).toLowerCase());
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM coupon WHERE code = ? AND order_id = ? AND redeemed_at IS NOT NULL",
                        coupon.group(1),
                        order));
        given().header("Authorization", MARKETER)
                .get("/api/v1/campaigns/" + campaign + "/results")
                .then()
                .statusCode(200)
                .body("total.sent", equalTo(1))
                .body("total.opened", equalTo(1))
                .body("total.clicked", equalTo(1))
                .body("total.converted", equalTo(1))
                .body("total.revenue", equalTo(168.00f))
                .body("couponsRedeemed", equalTo(1));
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM feed_event WHERE type = 'coupon.redeemed' AND subject = ?",
                        customer.toString()));
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM feed_event WHERE type = 'delivery.sent' AND subject = ?",
                        customer.toString()));
        assertEquals(
                3,
                TestDatabase.count(
                        "SELECT count(*) FROM feed_event WHERE type = 'delivery.responded' AND subject = ?",
                        customer.toString()),
                "opened, clicked, converted");
    }

    @Test
    void aWithdrawalStopsTheVeryNextMessageAndUnsubscribeStopsMarketing() throws Exception {
        UUID withdrawn = Feeds.customer(null);
        Feeds.consent(withdrawn, "EMAIL", "MARKETING", true);
        Feeds.entered(atRisk, withdrawn);
        Feeds.consent(withdrawn, "EMAIL", "MARKETING", false); // before the sender got to it
        UUID unsubscribing = Feeds.customer(null);
        Feeds.consent(unsubscribing, "EMAIL", "MARKETING", true);
        Feeds.entered(atRisk, unsubscribing);
        Campaigns.send("sender-a");

        assertEquals(1, Stubs.smtp().getReceivedMessages().length);
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE customer_id = ? AND status = 'EXCLUDED' AND reason = 'NO_CONSENT'",
                        withdrawn));
        String html = decoded(
                Stubs.smtp().getReceivedMessages()[0],
                com.icegreen.greenmail.util.GreenMailUtil.getBody(Stubs.smtp().getReceivedMessages()[0]));
        String unsubscribe = links(html).stream()
                .filter(l -> l.contains("/unsubscribe/"))
                .findFirst()
                .orElseThrow();
        RestAssured.given().get(unsubscribe).then().statusCode(200).contentType("text/html");
        assertEquals(
                0,
                TestDatabase.count("SELECT count(*) FROM unsubscription WHERE customer_id = ?", unsubscribing),
                "a GET (a link scanner) does not unsubscribe");
        RestAssured.given().post(unsubscribe).then().statusCode(200);
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM unsubscription WHERE customer_id = ?", unsubscribing));

        // another marketing email to the same customer is now excluded
        UUID other = Ids.newId();
        UUID next = Campaigns.create(
                """
                {"name":"Next","channel":"EMAIL","purpose":"MARKETING","audience":{"segments":["%s"]},
                 "schedule":{"kind":"TRIGGER","trigger":{"kind":"SEGMENT_ENTERED"}},"variants":%s}"""
                        .formatted(other, Campaigns.variant("s", "b")));
        Campaigns.schedule(next);
        Feeds.entered(other, unsubscribing);
        Campaigns.send("sender-a");
        assertEquals(
                1,
                TestDatabase.count(
                        "SELECT count(*) FROM delivery WHERE campaign_id = ? AND status = 'EXCLUDED' AND reason = 'UNSUBSCRIBED'",
                        next));
        assertEquals(1, Stubs.smtp().getReceivedMessages().length);
    }

    /** The HTML part as text (quoted-printable decoded by the mail library). */
    private static String decoded(MimeMessage email, String raw) throws Exception {
        Object content = email.getContent();
        return content instanceof String text ? text : raw;
    }

    /** Tracking links in a message, as paths on this service. */
    private static List<String> links(String html) {
        Matcher m = LINK.matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertTrue(found.size() >= 3, "open, click and unsubscribe links in " + html);
        return found;
    }
}
