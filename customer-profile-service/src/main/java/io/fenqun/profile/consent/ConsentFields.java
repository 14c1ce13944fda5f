package io.fenqun.profile.consent;

/** The closed vocabularies of consent (PIPL/GDPR). */
public final class ConsentFields {

    private ConsentFields() {}

    /** How a customer may be contacted. */
    public enum Channel {
        EMAIL,
        SMS,
        PHONE,
        WECHAT,
        APP_PUSH,
        POST
    }

    /** Marketing consent is asked and withdrawn separately from service messages. */
    public enum Purpose {
        MARKETING,
        SERVICE
    }

    public enum Status {
        GRANTED,
        WITHDRAWN
    }

    /** Where the customer gave or withdrew consent. */
    public enum Source {
        WEB_FORM,
        STORE,
        PHONE,
        IMPORT,
        API
    }
}
