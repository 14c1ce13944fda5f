package io.fenqun.profile.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Caller;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerAccessTest {

    static Caller caller(String user, String... roles) {
        return new Caller(user, Set.of(roles), null);
    }

    @Test
    void salesAreRestrictedToTheirOwnCustomers() {
        Customer theirs = new Customer();
        theirs.ownerId = "li";
        assertTrue(CustomerAccess.canSee(caller("li", "sales"), theirs));
        assertFalse(CustomerAccess.canSee(caller("wang", "sales"), theirs));
        assertEquals(
                404,
                assertThrows(
                                ProblemException.class,
                                () -> CustomerAccess.requireVisible(caller("wang", "sales"), theirs, "x"))
                        .problem()
                        .status());
        assertNull(CustomerAccess.restrictedToOwner(caller("boss", "sales", "admin")));
    }

    @Test
    void salesCannotAssignToOthers() {
        assertEquals("li", CustomerAccess.ownerFor(caller("li", "sales"), null));
        assertEquals(
                403,
                assertThrows(ProblemException.class, () -> CustomerAccess.ownerFor(caller("li", "sales"), "wang"))
                        .problem()
                        .status());
        assertEquals("wang", CustomerAccess.ownerFor(caller("admin-user", "admin"), "wang"));
    }

    @Test
    void marketersAndAnalystsSeeMaskedData() {
        assertFalse(CustomerAccess.seesPersonalData(caller("m", "marketer")));
        assertFalse(CustomerAccess.seesPersonalData(caller("a", "analyst")));
        assertTrue(CustomerAccess.seesPersonalData(caller("s", "support")));
    }

    @Test
    void masksKeepRecognisableParts() {
        assertEquals("+86138****5678", PersonalDataMask.phone("+8613812345678"));
        assertEquals("l***@example.cn", PersonalDataMask.email("lilei@example.cn"));
        assertEquals("1990-**-**", PersonalDataMask.birthDate("1990-03-04"));
        assertNull(PersonalDataMask.phone(null));
    }
}
