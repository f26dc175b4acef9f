package org.icewarp.protocols.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.icewarp.core.access.AddressSet;
import org.icewarp.core.access.InvalidAccessEntryException;
import org.icewarp.core.access.Patterns;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.ServiceOptions;

/**
 * The SMTP service's options ({@code system.services.<name>.options.*}), read and validated once when the service
 * starts. The table of keys, defaults and ranges is in {@code icewarp-protocols/README.md}; keep the two in step.
 */
record SmtpSettings(
        String hostName,
        List<Integer> submissionPorts,
        boolean submissionOnly,
        int maxLineLength,
        long maxMessageSize,
        int maxRecipients,
        int maxCommandsBeforeAuth,
        int maxUnknownCommands,
        int maxErrors,
        int maxAuthFailures,
        Duration commandTimeout,
        Duration dataTimeout,
        Duration sessionTimeout,
        boolean vrfy,
        boolean normaliseBareLineEndings,
        boolean senderMustBeOwned,
        AddressSet relayFrom,
        String primaryDomain,
        SmtpReplies replies) {

    static final String HOST_NAME = "host-name";
    static final String SUBMISSION_PORTS = "submission-ports";
    static final String SUBMISSION_ONLY = "submission-only";
    static final String MAX_LINE_LENGTH = "max-line-length";
    static final String MAX_MESSAGE_SIZE = "max-message-size";
    static final String MAX_RECIPIENTS = "max-recipients";
    static final String MAX_COMMANDS_BEFORE_AUTH = "max-commands-before-auth";
    static final String MAX_UNKNOWN_COMMANDS = "max-unknown-commands";
    static final String MAX_ERRORS = "max-errors";
    static final String MAX_AUTH_FAILURES = "max-auth-failures";
    static final String COMMAND_TIMEOUT = "timeouts.command";
    static final String DATA_TIMEOUT = "timeouts.data";
    static final String SESSION_TIMEOUT = "timeouts.session";
    static final String VRFY = "vrfy";
    static final String BARE_LINE_ENDINGS = "bare-line-endings";
    static final String SENDER_MUST_BE_OWNED = "sender-must-be-owned";
    static final String RELAY_FROM = "relay-from";
    static final String PRIMARY_DOMAIN = "primary-domain";
    static final String REPLIES = "replies.";

    private static final Set<String> KNOWN = Set.of(
            HOST_NAME,
            SUBMISSION_PORTS,
            SUBMISSION_ONLY,
            MAX_LINE_LENGTH,
            MAX_MESSAGE_SIZE,
            MAX_RECIPIENTS,
            MAX_COMMANDS_BEFORE_AUTH,
            MAX_UNKNOWN_COMMANDS,
            MAX_ERRORS,
            MAX_AUTH_FAILURES,
            COMMAND_TIMEOUT,
            DATA_TIMEOUT,
            SESSION_TIMEOUT,
            VRFY,
            BARE_LINE_ENDINGS,
            SENDER_MUST_BE_OWNED,
            RELAY_FROM,
            PRIMARY_DOMAIN);

    /**
     * Reads the options.
     *
     * @throws ConfigurationException naming the key of the first bad or unknown option
     */
    static SmtpSettings read(ServiceOptions o, Patterns patterns, Set<String> optionKeys) {
        Set<String> known = new HashSet<>(KNOWN);
        SmtpReplies replies = SmtpReplies.defaults();
        for (String key : optionKeys) {
            if (key.startsWith(REPLIES)) {
                String name = key.substring(REPLIES.length());
                SmtpReplies.Key reply = null;
                for (SmtpReplies.Key k : SmtpReplies.Key.values()) {
                    if (k.optionName().equals(name)) {
                        reply = k;
                    }
                }
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
        List<Integer> submission = o.list(SUBMISSION_PORTS, List.of("587", "465")).stream()
                .map(p -> {
                    try {
                        int n = Integer.parseInt(p);
                        if (n >= 0 && n <= 65535) {
                            return n;
                        }
                    } catch (NumberFormatException e) {
                        // below
                    }
                    throw new ConfigurationException(o.key(SUBMISSION_PORTS), p, "expected ports from 0 to 65535");
                })
                .toList();
        AddressSet relay;
        String relayText = String.join(";", o.list(RELAY_FROM, List.of()));
        try {
            relay = AddressSet.parse(relayText, patterns);
        } catch (InvalidAccessEntryException e) {
            throw new ConfigurationException(o.key(RELAY_FROM), relayText, e.getMessage());
        }
        return new SmtpSettings(
                host,
                submission,
                o.bool(SUBMISSION_ONLY, false),
                o.integer(MAX_LINE_LENGTH, 2048, 512, 65_536),
                o.size(MAX_MESSAGE_SIZE, 50L << 20, 1024, 1L << 40),
                o.integer(MAX_RECIPIENTS, 100, 1, 100_000),
                o.integer(MAX_COMMANDS_BEFORE_AUTH, 100, 10, 1_000_000),
                o.integer(MAX_UNKNOWN_COMMANDS, 10, 1, 10_000),
                o.integer(MAX_ERRORS, 20, 1, 10_000),
                o.integer(MAX_AUTH_FAILURES, 3, 1, 100),
                o.duration(COMMAND_TIMEOUT, Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofHours(1)),
                o.duration(DATA_TIMEOUT, Duration.ofMinutes(3), Duration.ofMillis(100), Duration.ofHours(1)),
                o.duration(SESSION_TIMEOUT, Duration.ofHours(1), Duration.ofMillis(100), Duration.ofHours(24)),
                o.bool(VRFY, false),
                o.choice(BARE_LINE_ENDINGS, "normalise", Set.of("normalise", "reject"))
                        .equals("normalise"),
                o.bool(SENDER_MUST_BE_OWNED, false),
                relay,
                o.string(PRIMARY_DOMAIN, ""),
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
