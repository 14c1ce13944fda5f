package io.fenqun.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code make run} and {@code make token}: starts the whole suite on one machine on an embedded
 * PostgreSQL, and mints development tokens for calling it.
 */
public final class SuiteRunner {

    private SuiteRunner() {}

    public static void main(String[] args) throws Exception {
        int exit = run(Arrays.asList(args), Path.of("").toAbsolutePath(), System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    static int run(List<String> args, Path repo, PrintStream out, PrintStream err) throws Exception {
        String command = args.isEmpty() ? "help" : args.get(0);
        try {
            switch (command) {
                case "run" -> new Suite(repo, SuiteSettings.fromEnvironment(System.getenv()), out).runUntilStopped();
                case "token" -> out.println(DevTokens.fromArgs(args.subList(1, args.size()), repo));
                default -> {
                    err.println("usage: suite-runner run | token ROLE [USER]");
                    return 2;
                }
            }
            return 0;
        } catch (SuiteException e) {
            err.println("fenqun: " + e.getMessage());
            return 1;
        }
    }
}
