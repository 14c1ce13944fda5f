package io.fenqun.kit.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fenqun.kit.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void readsStrongWeakAndMissingTags() {
        assertEquals(3L, ETags.expectedVersion("\"3\""));
        assertEquals(3L, ETags.expectedVersion("W/\"3\""));
        assertNull(ETags.expectedVersion(null));
        assertNull(ETags.expectedVersion("*"));
    }

    @Test
    void malformedTagIs400AndStaleVersionIs412() {
        assertEquals(
                400,
                assertThrows(ProblemException.class, () -> ETags.expectedVersion("\"abc\""))
                        .problem()
                        .status());
        assertEquals(
                412,
                assertThrows(ProblemException.class, () -> ETags.check(2L, 3L))
                        .problem()
                        .status());
        assertDoesNotThrow(() -> ETags.check(null, 3L));
        assertDoesNotThrow(() -> ETags.check(3L, 3L));
    }
}
