package io.fenqun.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A streamed request body that fails once it grows past a limit. Bodies with a Content-Length are
 * refused before they are read (the kit's RequestLimits); this covers chunked ones on their way
 * through, which no buffering layer sees.
 */
final class LimitedBody implements ReadStream<Buffer> {

    /** The failure a body over the limit ends with. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("body larger than " + limit + " bytes", null, false, false);
        }
    }

    private final ReadStream<Buffer> body;
    private final long limit;
    private final Runnable onTooLarge;
    private long seen;
    private Handler<Throwable> exceptionHandler;
    private boolean failed;

    /** @param onTooLarge told first, since the proxy reports the stream's failure without its cause */
    LimitedBody(ReadStream<Buffer> body, long limit, Runnable onTooLarge) {
        this.body = body;
        this.limit = limit;
        this.onTooLarge = onTooLarge;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        body.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            body.handler(null);
            return this;
        }
        body.handler(chunk -> {
            if (failed) {
                return;
            }
            seen += chunk.length();
            if (seen > limit) {
                failed = true;
                body.pause();
                onTooLarge.run();
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new TooLarge(limit));
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        body.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        body.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        body.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        body.endHandler(end -> {
            if (!failed && handler != null) {
                handler.handle(end);
            }
        });
        return this;
    }
}
