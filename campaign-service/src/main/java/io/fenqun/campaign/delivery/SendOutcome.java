package io.fenqun.campaign.delivery;

import java.util.UUID;

/** What a provider said about one message. */
public record SendOutcome(UUID deliveryId, Result result, String providerMessageId, String error) {

    public enum Result {
        /** Taken by the provider; delivery is reported later through a callback. */
        ACCEPTED,
        /** A passing failure (timeout, 5xx, throttling): try again later. */
        RETRY,
        /** The provider will never take it (bad address, rejected content). */
        REJECTED
    }

    public static SendOutcome accepted(UUID deliveryId, String providerMessageId) {
        return new SendOutcome(deliveryId, Result.ACCEPTED, providerMessageId, null);
    }

    public static SendOutcome retry(UUID deliveryId, String error) {
        return new SendOutcome(deliveryId, Result.RETRY, null, error);
    }

    public static SendOutcome rejected(UUID deliveryId, String error) {
        return new SendOutcome(deliveryId, Result.REJECTED, null, error);
    }
}
