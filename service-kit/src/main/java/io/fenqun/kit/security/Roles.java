package io.fenqun.kit.security;

import java.util.Set;

/** The roles of DESIGN.md section 2, as carried in a JWT's {@code groups} claim. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String MARKETER = "marketer";
    public static final String SALES = "sales";
    public static final String ANALYST = "analyst";
    public static final String SUPPORT = "support";
    public static final String PARTNER = "partner";
    public static final String SERVICE = "service";

    public static final Set<String> ALL = Set.of(ADMIN, MARKETER, SALES, ANALYST, SUPPORT, PARTNER, SERVICE);

    private Roles() {}
}
