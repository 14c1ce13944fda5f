package io.fenqun.campaign.campaign;

/** How a campaign reaches people; consent is given per channel (the profile service's names). */
public enum Channel {
    EMAIL,
    SMS,
    APP_PUSH,
    WEBHOOK;

    /** The consent channel that must be granted; a webhook goes to the business's own system. */
    public String consentChannel() {
        return this == WEBHOOK ? null : name();
    }
}
