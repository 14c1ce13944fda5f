package io.fenqun.campaign.contact;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.UUID;

/** One customer's contact details as the profile service hands them out at send time; never stored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Contact(
        UUID id,
        String kind,
        String name,
        String phone,
        String email,
        String birthDate,
        List<String> preferredChannels,
        List<String> preferredCategories) {}
