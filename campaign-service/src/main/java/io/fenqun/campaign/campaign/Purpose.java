package io.fenqun.campaign.campaign;

/**
 * Marketing messages obey consent for marketing, caps, quiet hours and unsubscribes; service
 * (transactional) messages need consent for service and skip the marketing caps, but never the
 * do-not-contact list.
 */
public enum Purpose {
    MARKETING,
    SERVICE
}
