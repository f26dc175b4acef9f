package org.icewarp.core.access;

/**
 * The compiled IPv4 half of an {@link AddressSet}: a few {@link Ipv4Layer}s (one per octet order in use, usually just
 * the identity) and, rarely, an {@link Ipv4BoxBitsets} fallback. Immutable.
 */
final class Ipv4Matcher {

    static final Ipv4Matcher EMPTY = new Ipv4Matcher(new Ipv4Layer[0], null);

    private final Ipv4Layer[] layers;

    /** Null when no pattern needed the fallback. */
    private final Ipv4BoxBitsets fallback;

    Ipv4Matcher(Ipv4Layer[] layers, Ipv4BoxBitsets fallback) {
        this.layers = layers;
        this.fallback = fallback;
    }

    /** Whether the address, given as its 32-bit value, is in the set. Does not allocate. */
    boolean contains(int address) {
        for (Ipv4Layer layer : layers) {
            if (layer.contains(address)) {
                return true;
            }
        }
        return fallback != null && fallback.contains(address);
    }

    int layerCount() {
        return layers.length;
    }

    boolean hasFallback() {
        return fallback != null;
    }
}
