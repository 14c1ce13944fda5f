package io.fenqun.segment.segment;

import java.util.List;

/** How many customers a rule selects now, and a few of them. */
public record SegmentPreview(long count, long customers, List<Member> sample) {}
