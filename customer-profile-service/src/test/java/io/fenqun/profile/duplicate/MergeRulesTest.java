package io.fenqun.profile.duplicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fenqun.profile.customer.Customer;
import org.junit.jupiter.api.Test;

class MergeRulesTest {

    @Test
    void survivorKeepsItsValuesFillsGapsAndJoinsLists() {
        Customer survivor = new Customer();
        survivor.name = "张伟";
        survivor.email = "zw@example.com";
        survivor.city = "杭州市";
        survivor.tags = new String[] {"vip"};
        Customer duplicate = new Customer();
        duplicate.name = "张 伟";
        duplicate.email = "other@example.com";
        duplicate.phone = "+8613800000000";
        duplicate.province = "江苏省";
        duplicate.city = "南京市";
        duplicate.addressLine = "中山路 1 号";
        duplicate.tags = new String[] {"vip", "wholesale"};

        MergeRules.absorb(survivor, duplicate);

        assertEquals("张伟", survivor.name);
        assertEquals("zw@example.com", survivor.email);
        assertEquals("+8613800000000", survivor.phone);
        assertEquals("杭州市", survivor.city, "an address is kept or taken whole");
        assertEquals(null, survivor.addressLine);
        assertArrayEquals(new String[] {"vip", "wholesale"}, survivor.tags);
    }
}
