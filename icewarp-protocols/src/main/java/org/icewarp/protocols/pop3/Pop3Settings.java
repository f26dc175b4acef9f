package org.icewarp.protocols.pop3;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.ServiceOptions;

/**
 * The POP3 service's options ({@code system.services.<name>.options.*}), read and validated once when the service
 * starts. The table of keys, defaults and ranges is in {@code icewarp-protocols/README.md}; keep the two in step.
 *
 * @param idleTimeout RFC 1939 section 3 asks for at least 10 minutes; shorter values are allowed for tests and
 *     hostile networks
 */
record Pop3Settings(
        String hostName,
        int maxLineLength,
        int maxErrors,
        int maxAuthFailures,
        Duration idleTimeout,
        Duration loginDelay,
        boolean apop,
        Pop3Replies replies) {

    static final String HOST_NAME = "host-name";
    static final String MAX_LINE_LENGTH = "max-line-length";
    static final String MAX_ERRORS = "max-errors";
    static final String MAX_AUTH_FAILURES = "max-auth-failures";
    static final String IDLE_TIMEOUT = "timeouts.idle";
    static final String LOGIN_DELAY = "login-delay";
    static final String APOP = "apop";
    static final String REPLIES = "replies.";

    private static final Set<String> KNOWN =
            Set.of(HOST_NAME, MAX_LINE_LENGTH, MAX_ERRORS, MAX_AUTH_FAILURES, IDLE_TIMEOUT, LOGIN_DELAY, APOP);

    /**
     * Reads the options.
     *
     * @throws ConfigurationException naming the key of the first bad or unknown option
     */
    static Pop3Settings read(ServiceOptions o, Set<String> optionKeys) {
        Set<String> known = new HashSet<>(KNOWN);
        Pop3Replies replies = Pop3Replies.defaults();
        for (String key : optionKeys) {
            if (key.startsWith(REPLIES)) {
                Pop3Replies.Key reply = Pop3Replies.byOptionName(key.substring(REPLIES.length()));
                if (reply == null) {
                    throw new ConfigurationException(o.key(key), o.string(key, ""), "no such reply");
                }
                try {
                    replies = replies.with(reply, o.string(key, ""));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(o.key(key), o.string(key, ""), e.getMessage());
                }
                known.add(key);
            }
        }
        o.rejectUnknown(known);
        String host = o.string(HOST_NAME, "");
        if (host.isEmpty()) {
            host = localHostName();
        } else if (!host.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
            throw new ConfigurationException(o.key(HOST_NAME), host, "expected a host name");
        }
        return new Pop3Settings(
                host,
                // RFC 2449 section 4: commands up to 255 octets with CRLF; AUTH responses are exempt (RFC 5034)
                o.integer(MAX_LINE_LENGTH, 1024, 253, 65_536),
                o.integer(MAX_ERRORS, 20, 1, 10_000),
                o.integer(MAX_AUTH_FAILURES, 3, 1, 100),
                o.duration(IDLE_TIMEOUT, Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofHours(24)),
                o.duration(LOGIN_DELAY, Duration.ZERO, Duration.ZERO, Duration.ofHours(24)),
                o.bool(APOP, true),
                replies.withHost(host));
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getCanonicalHostName();
            return name.matches("[A-Za-z0-9][A-Za-z0-9.-]*") ? name : "localhost";
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
