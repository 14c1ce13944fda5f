package io.fenqun.profile.importing;

/** What a file holds. */
public enum ImportKind {
    CUSTOMERS,
    ORDERS
}
