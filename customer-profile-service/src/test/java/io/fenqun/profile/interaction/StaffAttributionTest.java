package io.fenqun.profile.interaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.security.Roles;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffAttributionTest {

    static final Caller SALES = new Caller("sales-li", Set.of(Roles.SALES), null);
    static final Caller ADMIN = new Caller("admin-wang", Set.of(Roles.ADMIN), null);

    @Test
    void theCallerByDefault() {
        assertEquals("sales-li", StaffAttribution.staffFor(SALES, null));
        assertEquals("sales-li", StaffAttribution.staffFor(SALES, " "));
        assertEquals("sales-li", StaffAttribution.staffFor(SALES, "sales-li"));
    }

    @Test
    void onlyAdminsNameSomeoneElse() {
        assertEquals("sales-li", StaffAttribution.staffFor(ADMIN, "sales-li"));
        ProblemException e = assertThrows(ProblemException.class, () -> StaffAttribution.staffFor(SALES, "sales-zhao"));
        assertEquals(403, e.problem().status());
    }
}
