package org.icewarp.protocols.passwd;

import java.time.Duration;
import java.util.Set;
import org.icewarp.core.config.ServiceOptions;

/**
 * The change-password service's options ({@code system.services.<name>.options.*}); the table is in {@code
 * icewarp-protocols/README.md}.
 *
 * @param allowPlain whether connections without TLS may use the service (the authenticator's plain-text policy still
 *     applies to the old password)
 * @param minLength the shortest new password
 * @param maxLineLength the longest line, CRLF excluded
 * @param idleTimeout idle time before the connection is closed
 * @param maxFailures wrong old passwords before the connection is closed
 */
record PasswdSettings(boolean allowPlain, int minLength, int maxLineLength, Duration idleTimeout, int maxFailures) {

    static PasswdSettings read(ServiceOptions o) {
        o.rejectUnknown(Set.of("allow-plain", "min-length", "max-line-length", "timeouts.idle", "max-failures"));
        return new PasswdSettings(
                o.bool("allow-plain", false),
                o.integer("min-length", 8, 1, 256),
                o.integer("max-line-length", 512, 64, 4096),
                o.duration("timeouts.idle", Duration.ofMinutes(2), Duration.ofMillis(100), Duration.ofHours(1)),
                o.integer("max-failures", 3, 1, 100));
    }
}
