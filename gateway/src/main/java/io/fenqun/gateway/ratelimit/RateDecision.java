package io.fenqun.gateway.ratelimit;

/** Whether one request may pass; if not, after how many seconds the next one will. */
public record RateDecision(boolean allowed, long retryAfterSeconds, int remaining) {}
