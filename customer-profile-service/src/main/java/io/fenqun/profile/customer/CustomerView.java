package io.fenqun.profile.customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A customer as the API and the feed show it. Personal fields are strings so that a masked view
 * ("138****5678", "1988-**-**") keeps the same shape.
 */
public record CustomerView(
        UUID id,
        Customer.Kind kind,
        String name,
        CustomerFields.Gender gender,
        String birthDate,
        String phone,
        String email,
        CustomerInput.Address address,
        CustomerFields.AreaType areaType,
        CustomerFields.Locality locality,
        String industry,
        CustomerFields.CompanySize companySize,
        List<String> needs,
        List<String> preferredCategories,
        List<String> preferredChannels,
        List<String> tags,
        String ownerId,
        String membershipTier,
        List<CustomerInput.ExternalId> externalIds,
        Customer.Status status,
        UUID mergedInto,
        boolean masked,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static CustomerView of(Customer c, List<CustomerInput.ExternalId> externalIds) {
        boolean hasAddress = c.province != null || c.city != null || c.district != null || c.addressLine != null;
        return new CustomerView(
                c.id,
                c.kind,
                c.name,
                c.gender,
                c.birthDate == null ? null : c.birthDate.toString(),
                c.phone,
                c.email,
                hasAddress ? new CustomerInput.Address(c.province, c.city, c.district, c.addressLine) : null,
                c.areaType,
                c.locality,
                c.industry,
                c.companySize,
                List.of(c.needs),
                List.of(c.preferredCategories),
                List.of(c.preferredChannels),
                List.of(c.tags),
                c.ownerId,
                c.membershipTier,
                externalIds,
                c.status,
                c.mergedInto,
                false,
                c.version,
                c.createdAt,
                c.updatedAt);
    }

    /** The same view with personal data masked, for roles that do not need it. */
    public CustomerView toMasked() {
        return new CustomerView(
                id,
                kind,
                name,
                gender,
                PersonalDataMask.birthDate(birthDate),
                PersonalDataMask.phone(phone),
                PersonalDataMask.email(email),
                address == null
                        ? null
                        : new CustomerInput.Address(
                                address.province(),
                                address.city(),
                                PersonalDataMask.text(address.district()),
                                PersonalDataMask.text(address.line())),
                areaType,
                locality,
                industry,
                companySize,
                needs,
                preferredCategories,
                preferredChannels,
                tags,
                ownerId,
                membershipTier,
                externalIds,
                status,
                mergedInto,
                true,
                version,
                createdAt,
                updatedAt);
    }
}
