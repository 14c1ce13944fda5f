package io.fenqun.segment.rule;

import java.util.List;

/** A rule that does not fit the catalogue; every error found, each naming its node. */
public class InvalidRuleException extends RuntimeException {

    private final List<RuleError> errors;

    public InvalidRuleException(List<RuleError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
