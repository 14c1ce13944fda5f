package io.fenqun.kit.ids;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.fenqun.kit.problem.ProblemException;
import java.util.UUID;

/** Time-ordered UUIDs (version 7), so new rows land at the end of their indexes. */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {}

    public static UUID newId() {
        return GENERATOR.generate();
    }

    /** Parses an id from a path or body, answering 404 for text that cannot be an id of ours. */
    public static UUID parse(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound(what, text);
        }
    }
}
