package io.fenqun.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks ports before anything starts, so a clash is one clear message instead of a failed boot. */
final class Ports {

    private Ports() {}

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(int port, String user, String howToChange) {
        if (!isFree(port)) {
            throw new SuiteException("port " + port + " (" + user + ") is already in use by another program. "
                    + "Stop that program" + (howToChange == null ? "" : ", or " + howToChange) + ".");
        }
    }
}
