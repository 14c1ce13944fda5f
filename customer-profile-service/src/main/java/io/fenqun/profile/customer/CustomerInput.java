package io.fenqun.profile.customer;

import io.fenqun.profile.customer.CustomerFields.AreaType;
import io.fenqun.profile.customer.CustomerFields.Channel;
import io.fenqun.profile.customer.CustomerFields.CompanySize;
import io.fenqun.profile.customer.CustomerFields.Gender;
import io.fenqun.profile.customer.CustomerFields.Locality;
import io.fenqun.profile.customer.CustomerFields.Need;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client sends to create or replace a customer. */
@Schema(
        name = "CustomerInput",
        example =
                """
        {"kind":"PERSON","name":"张三","gender":"MALE","birthDate":"1988-05-20","phone":"13812345678",
         "email":"zhangsan@example.com","address":{"province":"浙江省","city":"杭州市","district":"西湖区","line":"文三路 90 号"},
         "areaType":"URBAN","locality":"LOCAL","needs":["WEARING","GIFT"],"preferredCategories":["翡翠手镯"],
         "preferredChannels":["WECHAT","SMS"],"tags":["vip"],"ownerId":"sales-li",
         "externalIds":[{"source":"youzan","externalId":"YZ-10086"}]}""")
public record CustomerInput(
        @NotNull Customer.Kind kind,
        @NotBlank @Size(max = 200) String name,
        Gender gender,
        @PastOrPresent LocalDate birthDate,
        @Size(max = 40) String phone,
        @Size(max = 254) String email,
        @Valid Address address,
        AreaType areaType,
        Locality locality,
        @Size(max = 100) String industry,
        CompanySize companySize,
        @Size(max = 10) List<@NotNull Need> needs,
        @Size(max = 50) List<@NotBlank @Size(max = 60) String> preferredCategories,
        @Size(max = 10) List<@NotNull Channel> preferredChannels,
        @Size(max = 50) List<@NotBlank @Size(max = 60) String> tags,
        @Size(max = 100) String ownerId,
        @Size(max = 40) String membershipTier,
        @Size(max = 20) List<@Valid @NotNull ExternalId> externalIds) {

    /** Province/city/district as in Chinese postal addresses, then the street line. */
    public record Address(
            @Size(max = 50) String province,
            @Size(max = 50) String city,
            @Size(max = 50) String district,
            @Size(max = 300) String line) {}

    /** A partner system's id for this customer, unique per source. */
    public record ExternalId(@NotBlank @Size(max = 50) String source, @NotBlank @Size(max = 100) String externalId) {}
}
