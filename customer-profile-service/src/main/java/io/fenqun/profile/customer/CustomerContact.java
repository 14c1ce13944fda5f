package io.fenqun.profile.customer;

import java.util.List;
import java.util.UUID;

/**
 * What a sending service needs to reach one customer at send time, and nothing more: it keeps no
 * copy of personal data of its own. Preferred categories pick product recommendations.
 */
public record CustomerContact(
        UUID id,
        Customer.Kind kind,
        String name,
        String phone,
        String email,
        String birthDate,
        List<String> preferredChannels,
        List<String> preferredCategories) {

    static CustomerContact of(Customer c) {
        return new CustomerContact(
                c.id,
                c.kind,
                c.name,
                c.phone,
                c.email,
                c.birthDate == null ? null : c.birthDate.toString(),
                List.of(c.preferredChannels),
                List.of(c.preferredCategories));
    }
}
