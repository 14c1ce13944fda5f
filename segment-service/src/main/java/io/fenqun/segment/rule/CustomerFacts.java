package io.fenqun.segment.rule;

import java.util.Map;
import java.util.UUID;

/** One customer's catalogue fields in their normal Java form (see {@link Rule.Condition}); values may be null. */
public record CustomerFacts(UUID customerId, Map<String, Object> values) {}
