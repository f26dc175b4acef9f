package org.icewarp.samples.server;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a new password comes from: the first line of standard input ({@code --password-stdin}) or the console, asked
 * twice without echo. Never from an argument, which other users could read in the process list and which stays in the
 * shell's history.
 */
final class PasswordInput {
    /** The longest password line read from standard input, in bytes (UTF-8). */
    static final int MAX_BYTES = 1024;

    /** Asks for one line without echo. */
    @FunctionalInterface
    interface Prompt {
        /**
         * Shows the prompt and reads a line without echo.
         *
         * @return the line without its end, or {@code null} at the end of input
         */
        char[] read(String prompt);
    }

    private PasswordInput() {}

    /**
     * The console as a {@link Prompt}, when there is an interactive one: on Java 22 and later {@link System#console()}
     * also answers when the standard streams are redirected, so {@code Console.isTerminal()} is asked where it exists.
     */
    static Optional<Prompt> console() {
        Console c = System.console();
        if (c == null || !isTerminal(c)) {
            return Optional.empty();
        }
        return Optional.of(prompt -> c.readPassword("%s", prompt));
    }

    private static boolean isTerminal(Console c) {
        try {
            Method m = Console.class.getMethod("isTerminal"); // Java 22+
            return (Boolean) m.invoke(c);
        } catch (NoSuchMethodException e) {
            return true; // before Java 22 a console exists only for a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * Reads the password from the first line of a stream (UTF-8; the line ends at LF, a CR before it is dropped, and
     * the end of the stream also ends it).
     *
     * @throws ToolFailure (usage) when the stream is empty, the line is empty, longer than {@link #MAX_BYTES} or not
     *     UTF-8
     */
    static String fromStream(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b = in.read();
            if (b == -1) {
                throw usage("--password-stdin: standard input is empty; give the password as its first line");
            }
            for (; b != -1 && b != '\n'; b = in.read()) {
                if (line.size() == MAX_BYTES) {
                    throw usage("the password on standard input is longer than " + MAX_BYTES + " bytes");
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new ToolFailure(IceWarpCommand.EXIT_FAILURE, "cannot read standard input: " + e.getMessage(), e);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            String password = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
            return requireUsable(password);
        } catch (CharacterCodingException e) {
            throw usage("--password-stdin: the password on standard input is not UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Asks for the password and its confirmation.
     *
     * @throws ToolFailure (usage) when input ends, the password is empty or the two differ
     */
    static String fromPrompt(Prompt prompt, String account) {
        char[] first = prompt.read("New password for " + account + ": ");
        if (first == null) {
            throw usage("no password given (end of input)");
        }
        char[] second = prompt.read("Repeat the password: ");
        try {
            if (second == null) {
                throw usage("no password given (end of input)");
            }
            if (!Arrays.equals(first, second)) {
                throw usage("the two passwords differ; nothing was changed");
            }
            return requireUsable(new String(first));
        } finally {
            Arrays.fill(first, '\0');
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    private static String requireUsable(String password) {
        if (password.isEmpty()) {
            throw usage("the password is empty");
        }
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                // Protocols carry passwords on command lines (IMAP LOGIN, POP3 PASS): a control character could not be
                // typed there.
                throw usage("the password contains a control character");
            }
        }
        return password;
    }

    private static ToolFailure usage(String message) {
        return new ToolFailure(IceWarpCommand.EXIT_USAGE, message);
    }
}
