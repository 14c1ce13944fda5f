package io.fenqun.gateway.calls;

import io.vertx.core.buffer.Buffer;

/** A service's answer to a call the gateway made itself. */
public record Reply(int status, String contentType, Buffer body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
