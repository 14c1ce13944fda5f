package io.fenqun.profile.duplicate;

import io.fenqun.profile.customer.Customer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How two records of one customer become one: the survivor keeps every value it has, takes the
 * duplicate's values where it has none, and gains the union of both lists.
 */
public final class MergeRules {

    private MergeRules() {}

    public static void absorb(Customer survivor, Customer duplicate) {
        fill(survivor, duplicate, c -> c.gender, (c, v) -> c.gender = v);
        fill(survivor, duplicate, c -> c.birthDate, (c, v) -> c.birthDate = v);
        fill(survivor, duplicate, c -> c.phone, (c, v) -> c.phone = v);
        fill(survivor, duplicate, c -> c.email, (c, v) -> c.email = v);
        if (survivor.province == null
                && survivor.city == null
                && survivor.district == null
                && survivor.addressLine == null) {
            // An address is taken whole: mixing parts of two addresses would make one nobody lives at.
            survivor.province = duplicate.province;
            survivor.city = duplicate.city;
            survivor.district = duplicate.district;
            survivor.addressLine = duplicate.addressLine;
        }
        fill(survivor, duplicate, c -> c.areaType, (c, v) -> c.areaType = v);
        fill(survivor, duplicate, c -> c.locality, (c, v) -> c.locality = v);
        fill(survivor, duplicate, c -> c.industry, (c, v) -> c.industry = v);
        fill(survivor, duplicate, c -> c.companySize, (c, v) -> c.companySize = v);
        fill(survivor, duplicate, c -> c.ownerId, (c, v) -> c.ownerId = v);
        fill(survivor, duplicate, c -> c.membershipTier, (c, v) -> c.membershipTier = v);
        survivor.needs = union(survivor.needs, duplicate.needs);
        survivor.preferredCategories = union(survivor.preferredCategories, duplicate.preferredCategories);
        survivor.preferredChannels = union(survivor.preferredChannels, duplicate.preferredChannels);
        survivor.tags = union(survivor.tags, duplicate.tags);
    }

    private static <T> void fill(
            Customer survivor, Customer duplicate, Function<Customer, T> field, BiConsumer<Customer, T> set) {
        if (field.apply(survivor) == null && field.apply(duplicate) != null) {
            set.accept(survivor, field.apply(duplicate));
        }
    }

    static String[] union(String[] first, String[] second) {
        Set<String> all = new LinkedHashSet<>(Arrays.asList(first));
        all.addAll(Arrays.asList(second));
        return all.toArray(String[]::new);
    }
}
