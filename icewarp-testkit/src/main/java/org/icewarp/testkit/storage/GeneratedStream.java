package org.icewarp.testkit.storage;

import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A stream of {@code size} pseudo-random bytes made on the fly (nothing held), fed to a digest as it is read: for
 * streaming tests of large messages that must not be held in memory by the test either. The same size always gives the
 * same bytes.
 */
public final class GeneratedStream extends InputStream {
    private final long size;
    private final MessageDigest digest;
    private long position;
    private long state = 0x9E3779B97F4A7C15L;

    /**
     * @param size how many bytes the stream yields
     * @param digest receives every byte read
     */
    public GeneratedStream(long size, MessageDigest digest) {
        this.size = size;
        this.digest = digest;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            b[off + i] = (byte) state;
        }
        digest.update(b, off, n);
        position += n;
        return n;
    }
}
