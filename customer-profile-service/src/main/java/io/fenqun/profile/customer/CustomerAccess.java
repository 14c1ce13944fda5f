package io.fenqun.profile.customer;

import io.fenqun.kit.problem.ProblemException;
import io.fenqun.kit.security.Caller;
import io.fenqun.kit.security.Roles;

/**
 * Who may see and change which customers: sales staff only their own (others do not exist for
 * them: 404), marketers and analysts only masked personal data.
 */
public final class CustomerAccess {

    private CustomerAccess() {}

    public static boolean seesPersonalData(Caller caller) {
        return caller.hasAny(Roles.ADMIN, Roles.SUPPORT, Roles.SALES, Roles.PARTNER, Roles.SERVICE);
    }

    /** The owner a caller is restricted to, or null when the caller may see every customer. */
    public static String restrictedToOwner(Caller caller) {
        boolean wide =
                caller.hasAny(Roles.ADMIN, Roles.SUPPORT, Roles.MARKETER, Roles.ANALYST, Roles.PARTNER, Roles.SERVICE);
        return !wide && caller.has(Roles.SALES) ? caller.userId() : null;
    }

    public static boolean canSee(Caller caller, Customer customer) {
        String owner = restrictedToOwner(caller);
        return owner == null || owner.equals(customer.ownerId);
    }

    /** Throws 404 for a customer the caller may not see, so its existence is not revealed. */
    public static Customer requireVisible(Caller caller, Customer customer, Object id) {
        if (customer == null || !canSee(caller, customer)) {
            throw ProblemException.notFound("Customer", id);
        }
        return customer;
    }

    /** Sales staff create and keep customers under their own name only. */
    public static String ownerFor(Caller caller, String requestedOwner) {
        String restricted = restrictedToOwner(caller);
        if (restricted == null) {
            return requestedOwner;
        }
        if (requestedOwner != null && !requestedOwner.equals(restricted)) {
            throw ProblemException.forbidden("Sales staff can only assign customers to themselves");
        }
        return restricted;
    }

    public static CustomerView present(Caller caller, CustomerView view) {
        return seesPersonalData(caller) ? view : view.toMasked();
    }
}
