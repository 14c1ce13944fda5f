package io.fenqun.profile.consent;

import java.util.UUID;

/**
 * The {@code consent.changed} payload: the change recorded and the current consent it leaves, which
 * is the change itself unless a later decision already stands.
 */
public record ConsentChangedEvent(UUID customerId, ConsentChangeView change, ConsentView current) {}
