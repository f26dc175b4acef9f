package org.icewarp.core.access;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;

/** Builds addresses for tests from literals, never through a name lookup. */
final class TestAddresses {

    private TestAddresses() {}

    /**
     * Parses an IP literal with the JDK, or {@code mapped:a.b.c.d} into an {@link Inet6Address} holding {@code
     * ::ffff:a.b.c.d} (the JDK would otherwise turn a mapped literal into an {@code Inet4Address}).
     */
    static InetAddress ip(String literal) {
        if (literal.startsWith("mapped:")) {
            byte[] ipv4 = ip(literal.substring("mapped:".length())).getAddress();
            byte[] bytes = new byte[16];
            bytes[10] = (byte) 0xFF;
            bytes[11] = (byte) 0xFF;
            System.arraycopy(ipv4, 0, bytes, 12, 4);
            return ipv6(bytes);
        }
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** An {@link Inet6Address} with exactly these 16 bytes, mapped or not. */
    static Inet6Address ipv6(byte[] bytes) {
        try {
            return Inet6Address.getByAddress(null, bytes, (NetworkInterface) null);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An address from 4 or 16 bytes; 4 bytes give an {@code Inet4Address}. */
    static InetAddress fromBytes(byte[] bytes) {
        try {
            return bytes.length == 16 ? ipv6(bytes) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
