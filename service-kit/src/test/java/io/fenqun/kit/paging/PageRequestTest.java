package io.fenqun.kit.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fenqun.kit.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsAndBounds() {
        assertEquals(PageRequest.DEFAULT_LIMIT, PageRequest.of(null, null).limit());
        assertEquals(1, PageRequest.of(1, null).limit());
        assertEquals(
                400,
                assertThrows(ProblemException.class, () -> PageRequest.of(0, null))
                        .problem()
                        .status());
        ProblemException tooMany = assertThrows(ProblemException.class, () -> PageRequest.of(501, null));
        assertEquals("limit", tooMany.problem().errors().get(0).field());
    }

    @Test
    void cursorRoundTripsTheLastSortKey() {
        PageRequest first = PageRequest.of(2, null);
        Page<String> page = first.page(List.of("a", "b", "c"), s -> s);
        assertEquals(List.of("a", "b"), page.items());
        assertEquals("b", PageRequest.of(2, page.nextCursor()).after());
    }

    @Test
    void lastPageHasNoCursor() {
        Page<String> page = PageRequest.of(2, null).page(List.of("a", "b"), s -> s);
        assertNull(page.nextCursor());
    }

    @Test
    void foreignCursorIsAFieldError() {
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(10, "not base64!"));
        assertEquals("cursor", e.problem().errors().get(0).field());
    }
}
