/**
 * IP access rules of services ("Service – Access") and the named patterns they may refer to ("Advanced – Patterns").
 *
 * <p>An {@link org.icewarp.core.access.AccessRule} is either <em>grant</em> (only the listed addresses may connect) or
 * <em>deny</em> (the listed addresses may not connect), and applies only when {@code restrict} is on. The list is an
 * {@link org.icewarp.core.access.AddressSet}, written as entries separated by {@code ;}; whitespace around an entry is
 * ignored and empty entries are skipped, for example:
 *
 * <pre>{@code 192.168.*.*;127.0.0.1;192-193.*.*.*;[Firewall];10.0.0.0/8;2001:db8::/32}</pre>
 *
 * <table>
 *   <caption>Entry syntax</caption>
 *   <tr><th>Form</th><th>Example</th><th>Matches</th></tr>
 *   <tr><td>IPv4 address</td><td>{@code 127.0.0.1}</td><td>that address</td></tr>
 *   <tr><td>IPv6 address</td><td>{@code ::1}, {@code 2001:db8::1}, {@code 2001:0db8:0:0:0:0:0:1},
 *       {@code ::ffff:10.0.0.1}</td><td>that address, in any RFC 4291 text form</td></tr>
 *   <tr><td>wildcard octet</td><td>{@code 192.168.*.*}, {@code *.*.*.5}</td><td>any value 0-255 in that
 *       octet</td></tr>
 *   <tr><td>octet range</td><td>{@code 192-193.*.*.*}, {@code 10.0-3.*.1-100}</td><td>values from the first to the
 *       second number, inclusive, in that octet</td></tr>
 *   <tr><td>CIDR block</td><td>{@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code ::1/128}</td><td>the addresses
 *       sharing the first <em>n</em> bits; host bits set in the address are ignored, so {@code 10.1.2.3/8} is
 *       {@code 10.0.0.0/8}</td></tr>
 *   <tr><td>full-address range</td><td>{@code 10.0.0.1-10.0.0.50}, {@code 2001:db8::1-2001:db8::ff}</td><td>the
 *       addresses from the first to the second, inclusive; both ends of one family</td></tr>
 *   <tr><td>pattern reference</td><td>{@code [Firewall]}</td><td>the entries of the named pattern, whose items may
 *       refer to further patterns; names are case-insensitive</td></tr>
 * </table>
 *
 * <p>Rules that apply to every form:
 *
 * <ul>
 *   <li>IPv4 octets are decimal numbers of one to three digits, 0-255; a leading zero does not make them octal.
 *       Wildcards and octet ranges apply to IPv4 only and cannot be combined with a CIDR prefix.
 *   <li>An IPv4-mapped IPv6 address {@code ::ffff:a.b.c.d} is treated as the IPv4 address {@code a.b.c.d}, both when
 *       checked and when written as an entry; an IPv6 entry that lies wholly within {@code ::ffff:0:0/96} is thus an
 *       IPv4 entry. IPv6 zone identifiers ({@code %eth0}) are not accepted in entries and are ignored when checking.
 *   <li>Names are never resolved. A host name, a domain or an e-mail mask is a malformed entry, also when it is
 *       reached through a pattern (patterns may hold such items for other features; see {@link
 *       org.icewarp.core.access.Patterns}).
 *   <li>Every malformed entry, empty {@code []} or unknown pattern reference, and cycle of patterns is reported as an
 *       {@link org.icewarp.core.access.InvalidAccessEntryException} whose message quotes the entry and names the
 *       pattern it came from.
 * </ul>
 *
 * <p>Checking an address against a compiled list is a binary search over merged intervals, not a scan of the entries;
 * {@link org.icewarp.core.access.AddressSet} describes the cost.
 */
package org.icewarp.core.access;
