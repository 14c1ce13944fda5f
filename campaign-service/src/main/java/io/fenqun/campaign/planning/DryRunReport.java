package io.fenqun.campaign.planning;

import java.util.Map;

/**
 * What a campaign would do if it ran now: how many it would reach, how many wait (quiet hours,
 * preferred day) and why the others are left out. Addresses are checked at the profile service
 * for a sample of up to {@code addressesChecked} recipients.
 */
public record DryRunReport(
        long audience,
        long heldOut,
        long wouldReceive,
        Map<String, Long> deferred,
        Map<String, Long> excluded,
        long addressesChecked,
        long withoutAddressInSample) {}
