package org.icewarp.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Up to {@code length} bytes of a file from {@code offset}, read with positional reads. */
final class RangeInputStream extends InputStream {
    private final FileChannel ch;
    private long pos;
    private final long end;

    RangeInputStream(FileChannel ch, long offset, long length) throws IOException {
        this.ch = ch;
        long size = ch.size();
        this.pos = Math.min(offset, size);
        this.end = Math.min(size, pos + Math.max(0, length) < 0 ? Long.MAX_VALUE : pos + Math.max(0, length));
    }

    @Override
    public int read() throws IOException {
        byte[] b = new byte[1];
        return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (pos >= end) {
            return -1;
        }
        int n = (int) Math.min(len, end - pos);
        int r = ch.read(ByteBuffer.wrap(b, off, n), pos);
        if (r < 0) {
            return -1;
        }
        pos += r;
        return r;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - pos);
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
