package io.fenqun.campaign.tracking;

import io.fenqun.campaign.campaign.CampaignConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Links in messages that report an open, a click or an unsubscribe. Each carries its delivery id
 * signed with HMAC-SHA256, so links cannot be guessed or forged for other people's messages.
 */
@ApplicationScoped
public class TrackingLinks {

    static final String BASE = "/api/v1/tracking";
    private static final int SIGNATURE_BYTES = 16;

    private final String publicUrl;
    /** One keyed Mac per thread: looking one up for every link costs more than signing. */
    private final ThreadLocal<Mac> macs;

    public TrackingLinks(CampaignConfig config) {
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        SecretKeySpec key = new SecretKeySpec(config.linkSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        });
    }

    public String open(UUID delivery) {
        return publicUrl + BASE + "/open/" + token(delivery);
    }

    public String click(UUID delivery) {
        return publicUrl + BASE + "/click/" + token(delivery);
    }

    public String unsubscribe(UUID delivery) {
        return publicUrl + BASE + "/unsubscribe/" + token(delivery);
    }

    public String token(UUID delivery) {
        return delivery + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature(delivery));
    }

    /** The delivery a token names, if its signature holds. */
    public Optional<UUID> verify(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            UUID delivery = UUID.fromString(token.substring(0, dot));
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            return MessageDigest.isEqual(given, signature(delivery)) ? Optional.of(delivery) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] signature(UUID delivery) {
        byte[] full = macs.get().doFinal(delivery.toString().getBytes(StandardCharsets.UTF_8));
        byte[] shortened = new byte[SIGNATURE_BYTES];
        System.arraycopy(full, 0, shortened, 0, SIGNATURE_BYTES);
        return shortened;
    }
}
