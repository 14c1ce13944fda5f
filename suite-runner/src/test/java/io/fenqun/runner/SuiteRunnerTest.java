package io.fenqun.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuiteRunnerTest {

    @Test
    void portInUseIsNamedInTheMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            SuiteException e = assertThrows(SuiteException.class, () -> Ports.requireFree(port, "gateway", "set X"));
            assertTrue(e.getMessage().contains("port " + port + " (gateway) is already in use"), e.getMessage());
        }
    }

    @Test
    void postgresPortComesFromTheEnvironment() {
        assertEquals(15432, SuiteSettings.fromEnvironment(Map.of()).postgresPort());
        assertEquals(
                6000,
                SuiteSettings.fromEnvironment(Map.of("FENQUN_PG_PORT", "6000")).postgresPort());
        assertThrows(SuiteException.class, () -> SuiteSettings.fromEnvironment(Map.of("FENQUN_PG_PORT", "x")));
        assertThrows(SuiteException.class, () -> SuiteSettings.fromEnvironment(Map.of("FENQUN_PG_PORT", "70000")));
    }

    @Test
    void unknownCommandPrintsUsage() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SuiteRunner.run(
                List.of("fly"), Path.of("."), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
    }

    @Test
    void tokenCommandErrorsExitNonZeroWithOneLine() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SuiteRunner.run(
                List.of("token", "king"),
                Path.of("..").toAbsolutePath(),
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("fenqun: unknown role"));
    }
}
