package io.fenqun.runner;

/** A failure the user can act on; printed as one clear line, without a stack trace. */
public class SuiteException extends RuntimeException {

    public SuiteException(String message) {
        super(message);
    }

    public SuiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
