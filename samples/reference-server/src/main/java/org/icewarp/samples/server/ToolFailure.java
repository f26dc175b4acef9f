package org.icewarp.samples.server;

/**
 * A tool cannot do what it was asked: the message for standard error (without the {@code icewarp: <tool>:} prefix)
 * and the exit code. Thrown inside a tool and turned into its exit code in one place, its {@code call()}.
 */
final class ToolFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    ToolFailure(int exitCode, String message) {
        this(exitCode, message, null);
    }

    ToolFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code this failure ends with. */
    int exitCode() {
        return exitCode;
    }
}
