package io.fenqun.profile.interaction;

import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.security.Roles;

/** Who an interaction is recorded for: the caller, unless an admin logs it for a colleague. */
public final class StaffAttribution {

    private StaffAttribution() {}

    public static String staffFor(Caller caller, String requestedStaff) {
        if (requestedStaff == null || requestedStaff.isBlank() || requestedStaff.equals(caller.userId())) {
            return caller.userId();
        }
        if (!caller.has(Roles.ADMIN)) {
            throw ProblemException.forbidden("Only admins may log an interaction for another staff member");
        }
        return requestedStaff.trim();
    }
}
