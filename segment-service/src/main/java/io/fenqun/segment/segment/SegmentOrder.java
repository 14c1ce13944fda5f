package io.fenqun.segment.segment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Segments that refer to other segments are evaluated after them. References to segments that are
 * not in the list (archived) are ignored here; the rule then never matches them.
 */
public final class SegmentOrder {

    private SegmentOrder() {}

    public static List<Segment> evaluationOrder(List<Segment> segments) {
        Map<UUID, Segment> byId = new HashMap<>();
        segments.forEach(s -> byId.put(s.id(), s));
        List<Segment> ordered = new ArrayList<>(segments.size());
        Set<UUID> done = new HashSet<>();
        Set<UUID> visiting = new HashSet<>();
        for (Segment s : segments) {
            visit(s, byId, done, visiting, ordered);
        }
        return ordered;
    }

    /** The chain of ids that leads from {@code start} back to itself, if its references form a cycle. */
    public static Optional<List<UUID>> cycleThrough(UUID start, Map<UUID, Set<UUID>> references) {
        return path(start, start, references, new HashSet<>());
    }

    private static Optional<List<UUID>> path(UUID from, UUID target, Map<UUID, Set<UUID>> references, Set<UUID> seen) {
        for (UUID next : references.getOrDefault(from, Set.of())) {
            if (next.equals(target)) {
                return Optional.of(new ArrayList<>(List.of(from, next)));
            }
            if (seen.add(next)) {
                Optional<List<UUID>> rest = path(next, target, references, seen);
                if (rest.isPresent()) {
                    rest.get().add(0, from);
                    return rest;
                }
            }
        }
        return Optional.empty();
    }

    private static void visit(
            Segment s, Map<UUID, Segment> byId, Set<UUID> done, Set<UUID> visiting, List<Segment> ordered) {
        if (done.contains(s.id()) || !visiting.add(s.id())) {
            return; // a cycle cannot be saved; stopping here keeps a damaged store from looping
        }
        for (UUID ref : s.rule().referencedSegments()) {
            Segment referenced = byId.get(ref);
            if (referenced != null) {
                visit(referenced, byId, done, visiting, ordered);
            }
        }
        visiting.remove(s.id());
        done.add(s.id());
        ordered.add(s);
    }
}
