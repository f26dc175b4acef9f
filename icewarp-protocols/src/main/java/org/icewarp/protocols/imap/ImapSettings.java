package org.icewarp.protocols.imap;

import java.time.Duration;
import java.util.Set;
import org.icewarp.core.config.ServiceOptions;

/**
 * The IMAP service's options ({@code system.services.<name>.options.*}), read and validated once when the service
 * starts. The table of keys, defaults and ranges is in {@code icewarp-protocols/README.md}; keep the two in step.
 */
record ImapSettings(
        String hostName,
        int maxLineLength,
        long maxLiteralSize,
        int maxBadCommands,
        int maxAuthFailures,
        Duration loginTimeout,
        Duration idleTimeout) {

    static final String HOST_NAME = "host-name";
    static final String MAX_LINE_LENGTH = "max-line-length";
    static final String MAX_LITERAL_SIZE = "max-literal-size";
    static final String MAX_BAD_COMMANDS = "max-bad-commands";
    static final String MAX_AUTH_FAILURES = "max-auth-failures";
    static final String LOGIN_TIMEOUT = "timeouts.login";
    static final String IDLE_TIMEOUT = "timeouts.idle";

    private static final Set<String> KNOWN = Set.of(
            HOST_NAME,
            MAX_LINE_LENGTH,
            MAX_LITERAL_SIZE,
            MAX_BAD_COMMANDS,
            MAX_AUTH_FAILURES,
            LOGIN_TIMEOUT,
            IDLE_TIMEOUT);

    /**
     * Reads the options.
     *
     * @throws org.icewarp.core.config.ConfigurationException naming the key of the first bad or unknown option
     */
    static ImapSettings read(ServiceOptions o) {
        o.rejectUnknown(KNOWN);
        return new ImapSettings(
                o.string(HOST_NAME, "localhost"),
                o.integer(MAX_LINE_LENGTH, 8192, 1024, 1 << 20),
                o.size(MAX_LITERAL_SIZE, 50L << 20, 1024, 1L << 30),
                o.integer(MAX_BAD_COMMANDS, 20, 1, 10_000),
                o.integer(MAX_AUTH_FAILURES, 3, 1, 100),
                o.duration(LOGIN_TIMEOUT, Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofHours(1)),
                // RFC 9051 section 5.4: at least 30 minutes of inactivity before an autologout
                o.duration(IDLE_TIMEOUT, Duration.ofMinutes(30), Duration.ofMillis(100), Duration.ofHours(24)));
    }
}
