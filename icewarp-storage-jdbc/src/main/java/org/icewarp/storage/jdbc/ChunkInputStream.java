package org.icewarp.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A content read chunk by chunk: one chunk in memory at a time, each fetched with its own short transaction, so an
 * open stream holds no connection between reads. A content deleted while it is read (its message expunged) ends the
 * stream with an {@link IOException}.
 */
final class ChunkInputStream extends InputStream {
    private final Database db;
    private final Contents.Located content;
    private final long end;
    private long position;
    private byte[] chunk;
    private long chunkStart;
    private boolean closed;

    ChunkInputStream(Database db, Contents.Located content, long offset, long length, byte[] first) {
        this.db = db;
        this.content = content;
        this.position = Math.min(offset, content.size());
        this.end = Math.min(content.size(), position + Math.min(length, content.size()));
        this.chunk = first;
        this.chunkStart = position / content.chunkSize() * content.chunkSize();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (position >= end) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (chunk == null || position < chunkStart || position >= chunkStart + chunk.length) {
            load((int) (position / content.chunkSize()));
        }
        int from = (int) (position - chunkStart);
        int n = (int) Math.min(Math.min(len, chunk.length - from), end - position);
        System.arraycopy(chunk, from, b, off, n);
        position += n;
        return n;
    }

    private void load(int seq) throws IOException {
        chunk = null;
        byte[] data;
        try (Connection c = db.connection()) {
            try {
                data = Contents.chunk(c, content.id(), seq);
                c.commit();
            } catch (SQLException e) {
                Database.rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("reading message content failed: " + e.getMessage(), e);
        }
        if (data == null) {
            throw new IOException("the message content is gone (expunged while it was read)");
        }
        chunk = data;
        chunkStart = (long) seq * content.chunkSize();
    }

    @Override
    public long skip(long n) {
        long k = Math.max(0, Math.min(n, end - position));
        position += k;
        return k;
    }

    @Override
    public int available() {
        if (chunk == null || position < chunkStart || position >= chunkStart + chunk.length) {
            return 0;
        }
        return (int) Math.min(chunkStart + chunk.length - position, end - position);
    }

    @Override
    public void close() {
        closed = true;
        chunk = null;
    }
}
