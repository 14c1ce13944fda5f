package io.fenqun.campaign.policy;

/** Why a planned message was not sent; also the reasons a dry run counts. */
public enum Exclusion {
    DO_NOT_CONTACT,
    NO_CONSENT,
    UNSUBSCRIBED,
    CAPPED,
    NO_ADDRESS
}
