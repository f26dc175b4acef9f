package org.icewarp.core.access;

/** One parsed access entry: the set of addresses it denotes, before it is merged into an {@link AddressSet}. */
sealed interface AddressEntry permits Ipv4Range, Ipv4Octets, Ipv6Range {}
