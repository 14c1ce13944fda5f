package io.fenqun.gateway.calls;

/** A service answered 5xx or not at all: counted by its circuit breaker, retried where safe. */
public class ServiceFailure extends RuntimeException {

    public ServiceFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
