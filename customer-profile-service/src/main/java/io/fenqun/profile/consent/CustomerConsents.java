package io.fenqun.profile.consent;

import java.util.List;
import java.util.UUID;

/** A customer's current consents; a channel and purpose not listed was never decided. */
public record CustomerConsents(UUID customerId, List<ConsentView> consents) {}
