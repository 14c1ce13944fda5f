package io.fenqun.campaign.policy;

import java.time.OffsetDateTime;
import java.util.UUID;

public record DoNotContactEntry(UUID customerId, String reason, String addedBy, OffsetDateTime addedAt) {}
