package io.fenqun.profile.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person or company this business sells to. */
@Entity
@Table(name = "customer")
public class Customer {

    public enum Kind {
        PERSON,
        COMPANY
    }

    public enum Status {
        ACTIVE,
        MERGED,
        ERASED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    public String name;

    @Enumerated(EnumType.STRING)
    public CustomerFields.Gender gender;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    public String phone;
    public String email;
    public String province;
    public String city;
    public String district;

    @Column(name = "address_line")
    public String addressLine;

    @Enumerated(EnumType.STRING)
    @Column(name = "area_type")
    public CustomerFields.AreaType areaType;

    @Enumerated(EnumType.STRING)
    public CustomerFields.Locality locality;

    public String industry;

    @Enumerated(EnumType.STRING)
    @Column(name = "company_size")
    public CustomerFields.CompanySize companySize;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] needs = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "preferred_categories")
    public String[] preferredCategories = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "preferred_channels")
    public String[] preferredChannels = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "membership_tier")
    public String membershipTier;

    @Enumerated(EnumType.STRING)
    public Status status = Status.ACTIVE;

    @Column(name = "merged_into")
    public UUID mergedInto;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "erased_at")
    public OffsetDateTime erasedAt;

    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}
