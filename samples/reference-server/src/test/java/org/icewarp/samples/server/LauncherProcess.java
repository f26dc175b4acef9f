package org.icewarp.samples.server;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * {@code bin/icewarp} run as a child process, its standard output and error collected line by line as they come.
 * The child gets this JVM's environment without any {@code ICEWARP_*} or {@code JAVA_OPTS} variable, plus the given
 * ones.
 */
final class LauncherProcess implements AutoCloseable {
    private static final Duration LONG = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private LauncherProcess(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out, "stdout");
        this.errReader = collect(process.getErrorStream(), err, "stderr");
    }

    static LauncherProcess start(Path launcher, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("ICEWARP_") || k.equals("JAVA_OPTS"));
        builder.environment().putAll(environment);
        return new LauncherProcess(builder.start());
    }

    private static Thread collect(InputStream stream, List<String> lines, String name) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("(" + name + " could not be read further: " + e + ")");
                    }
                },
                "icewarp-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Writes text (UTF-8) to the process's standard input and closes it, as a pipe into the command would. */
    void input(String text) throws IOException {
        try (java.io.OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Waits for a line on standard output, failing early if the process exits first. */
    String awaitOutputLine(Predicate<String> wanted) {
        AtomicReference<String> found = new AtomicReference<>();
        await("a matching line on standard output; stdout " + out + ", stderr " + err)
                .atMost(LONG)
                .pollInterval(Duration.ofMillis(50))
                .failFast("the process exited; stdout " + out + ", stderr " + err, () -> !process.isAlive())
                .until(() -> {
                    for (String line : out) {
                        if (wanted.test(line)) {
                            found.set(line);
                            return true;
                        }
                    }
                    return false;
                });
        return found.get();
    }

    /** Waits for the process to exit and for its output to be read to the end; returns the exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(LONG.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not exit; stdout " + out + ", stderr " + err);
        }
        outReader.join(LONG.toMillis());
        errReader.join(LONG.toMillis());
        return process.exitValue();
    }

    /**
     * Sends SIGTERM, as {@code kill} or a service manager would. Through the process handle: {@link Process#destroy()}
     * sends the same signal but also closes the pipes at once, and the lines printed while stopping would be lost.
     * The launcher {@code exec}s Java, so the pid is the JVM's.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /**
     * Sends SIGKILL, as {@code kill -9} would: {@link ProcessHandle#destroyForcibly()} is SIGKILL on Linux, and the
     * JVM gets no chance to run its shutdown hooks. The JVM then reports exit code 137 (128 + 9).
     */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    String stdout() {
        return String.join("\n", out);
    }

    String stderr() {
        return String.join("\n", err);
    }

    /** Kills the process if a test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(LONG.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
