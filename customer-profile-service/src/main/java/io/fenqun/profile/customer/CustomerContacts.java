package io.fenqun.profile.customer;

import java.util.List;

/** Contact details of the active customers asked for; erased, merged or unknown ids are left out. */
public record CustomerContacts(List<CustomerContact> contacts) {}
