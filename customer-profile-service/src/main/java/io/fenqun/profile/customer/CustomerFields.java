package io.fenqun.profile.customer;

/** The closed vocabularies of a customer record. */
public final class CustomerFields {

    private CustomerFields() {}

    public enum Gender {
        MALE,
        FEMALE,
        OTHER,
        UNKNOWN
    }

    public enum AreaType {
        URBAN,
        SUBURBAN,
        RURAL
    }

    public enum Locality {
        LOCAL,
        REMOTE
    }

    public enum CompanySize {
        MICRO,
        SMALL,
        MEDIUM,
        LARGE,
        ENTERPRISE
    }

    /** Why a customer buys: drives needs-based segments. */
    public enum Need {
        COLLECTION,
        WEARING,
        INVESTMENT,
        GIFT,
        DAILY,
        BUSINESS,
        OTHER
    }

    public enum Channel {
        EMAIL,
        SMS,
        PHONE,
        WECHAT,
        APP_PUSH,
        STORE,
        ONLINE
    }
}
