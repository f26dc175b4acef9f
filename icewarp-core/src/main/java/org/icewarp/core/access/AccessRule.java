package org.icewarp.core.access;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A service's access rule ("Service – Access"): whether access is restricted at all, whether the listed addresses are
 * the only ones granted or the ones denied, and the list itself.
 *
 * <p>Immutable and thread-safe. Equality follows the components; since {@link AddressSet} compares by identity, two
 * rules are equal only if they share one compiled set.
 *
 * @param restrict whether the rule applies; when false every address is permitted
 * @param type whether the listed addresses are granted (and no others) or denied (and all others granted)
 * @param addresses the listed addresses
 */
public record AccessRule(boolean restrict, Type type, AddressSet addresses) {

    private static final AccessRule UNRESTRICTED = new AccessRule(false, Type.GRANT, AddressSet.empty());

    /** What the listed addresses mean. */
    public enum Type {
        /** Only the listed addresses may connect. */
        GRANT,
        /** The listed addresses may not connect; all others may. */
        DENY
    }

    /**
     * Creates a rule.
     *
     * @param restrict whether the rule applies
     * @param type grant or deny; must not be null
     * @param addresses the listed addresses; must not be null
     * @throws NullPointerException if {@code type} or {@code addresses} is null
     */
    public AccessRule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(addresses, "addresses");
    }

    /**
     * Returns the rule that permits every address.
     *
     * @return a rule with {@code restrict} false, type {@link Type#GRANT} and no addresses; never null
     */
    public static AccessRule unrestricted() {
        return UNRESTRICTED;
    }

    /**
     * Parses a rule.
     *
     * @param restrict whether the rule applies
     * @param type grant or deny; must not be null
     * @param entries the access list (see {@link AddressSet#parse(String, Patterns)}); must not be null
     * @param patterns the patterns that {@code [Name]} entries refer to; must not be null
     * @return the rule; never null
     * @throws NullPointerException if an argument is null
     * @throws InvalidAccessEntryException if the list has a malformed entry, even when {@code restrict} is false, so
     *     that switching the rule on later cannot fail
     */
    public static AccessRule of(boolean restrict, Type type, String entries, Patterns patterns) {
        return new AccessRule(restrict, type, AddressSet.parse(entries, patterns));
    }

    /**
     * Decides whether an address may connect: always when not restricted; when granting, only if listed; when
     * denying, only if not listed. Safe to call from any thread; see {@link AddressSet#contains(InetAddress)} for cost.
     *
     * @param address the connecting address; must not be null
     * @return whether the address may connect
     * @throws NullPointerException if {@code address} is null
     */
    public boolean permits(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (!restrict) {
            return true;
        }
        boolean listed = addresses.contains(address);
        return type == Type.GRANT ? listed : !listed;
    }
}
