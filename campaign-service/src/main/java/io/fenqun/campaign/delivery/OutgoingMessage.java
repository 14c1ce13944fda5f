package io.fenqun.campaign.delivery;

import java.util.UUID;

/**
 * One rendered message for a channel adapter. {@code address} is an email address, a phone number
 * or, for push and webhooks, the customer id the provider knows the device or account by.
 */
public record OutgoingMessage(
        UUID deliveryId,
        UUID campaignId,
        UUID customerId,
        String address,
        String subject,
        String body,
        String unsubscribeUrl,
        String webhookUrl) {}
