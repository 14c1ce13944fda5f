package io.fenqun.segment.rule;

/** What is wrong with one node of a rule, named by its path, e.g. {@code rule.all[1].value}. */
public record RuleError(String path, String message) {}
