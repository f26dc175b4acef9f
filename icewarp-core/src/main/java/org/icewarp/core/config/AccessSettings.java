package org.icewarp.core.config;

import java.util.Objects;
import org.icewarp.core.access.AccessRule;

/**
 * A service's access rule as configured (the seed's "Service – Access"); compiled against the server's patterns into an
 * {@link AccessRule} when the {@link ServerConfig} is built.
 *
 * @param restrict whether the rule applies at all
 * @param type grant (only the listed addresses may connect) or deny (the listed addresses may not)
 * @param addresses entries separated by {@code ;}: IPs, {@code *} wildcards, octet ranges, CIDR, {@code [Pattern]}
 */
public record AccessSettings(boolean restrict, AccessRule.Type type, String addresses) {

    /** No restriction. */
    public static final AccessSettings UNRESTRICTED = new AccessSettings(false, AccessRule.Type.DENY, "");

    /** Validates the fields. */
    public AccessSettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(addresses, "addresses");
    }

    /** Only the listed addresses may connect. */
    public static AccessSettings grant(String addresses) {
        return new AccessSettings(true, AccessRule.Type.GRANT, addresses);
    }

    /** The listed addresses may not connect. */
    public static AccessSettings deny(String addresses) {
        return new AccessSettings(true, AccessRule.Type.DENY, addresses);
    }
}
