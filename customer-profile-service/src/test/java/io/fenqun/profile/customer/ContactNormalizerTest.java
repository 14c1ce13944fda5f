package io.fenqun.profile.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactNormalizerTest {

    private final ContactNormalizer contacts = new ContactNormalizer("CN");

    @Test
    void chinesePhonesWrittenManyWaysAreOneNumber() {
        Optional<String> expected = Optional.of("+8613812345678");
        assertEquals(expected, contacts.phone("13812345678"));
        assertEquals(expected, contacts.phone("138 1234 5678"));
        assertEquals(expected, contacts.phone("+86 138-1234-5678"));
        assertEquals(expected, contacts.phone("0086 13812345678"));
    }

    @Test
    void foreignAndInvalidPhones() {
        assertEquals(Optional.of("+442079460958"), contacts.phone("+44 20 7946 0958"));
        assertTrue(contacts.phone("12345").isEmpty());
        assertTrue(contacts.phone("abc").isEmpty());
        assertTrue(contacts.phone(" ").isEmpty());
    }

    @Test
    void emailsAreLowerCasedAndChecked() {
        assertEquals(Optional.of("li.lei@example.cn"), contacts.email(" Li.Lei@Example.CN "));
        assertTrue(contacts.email("li.lei@example").isEmpty());
        assertTrue(contacts.email("li lei@example.com").isEmpty());
        assertTrue(contacts.email("@example.com").isEmpty());
    }
}
