package io.fenqun.profile.importing;

import java.time.LocalDate;

/** One valid customer row, normalised, ready to stage. */
public record CustomerRecord(
        long row,
        String source,
        String externalId,
        String kind,
        String name,
        String gender,
        LocalDate birthDate,
        String phone,
        String email,
        String province,
        String city,
        String district,
        String addressLine,
        String areaType,
        String locality,
        String industry,
        String companySize,
        String[] needs,
        String[] preferredCategories,
        String[] preferredChannels,
        String[] tags,
        String ownerId,
        String membershipTier) {}
