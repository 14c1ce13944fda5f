package io.fenqun.profile.duplicate;

import java.util.List;
import java.util.UUID;

/** Two active customers that may be one person, and why they look alike. */
public record DuplicateCandidate(UUID first, String firstName, UUID second, String secondName, List<String> reasons) {}
