package io.fenqun.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

/** Checks ports before anything starts, so a clash is one clear message instead of a failed boot. */
final class Ports {

    /** A server stopped a moment ago (the previous suite of a test run) may still be letting go of its port. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

    private Ports() {}

    static void requireFree(int port, String user, String howToChange) {
        long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
        Optional<IOException> error = bindError(port);
        while (error.isPresent() && System.nanoTime() < deadline) {
            sleep();
            error = bindError(port);
        }
        if (error.isPresent()) {
            throw new SuiteException("port " + port + " (" + user + ") is already in use by another program ("
                    + error.get().getMessage() + "). Stop that program"
                    + (howToChange == null ? "" : ", or " + howToChange) + ".");
        }
    }

    private static Optional<IOException> bindError(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteException("interrupted while waiting for a port");
        }
    }
}
