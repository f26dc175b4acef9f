package org.icewarp.storage.jdbc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Message contents as fixed-size chunks ({@code iw_contents}, {@code iw_chunks}): written from a stream through one
 * buffer of {@code chunk-size} bytes, read back chunk by chunk ({@link ChunkInputStream}), so no message is ever held
 * whole, on any engine. A content row may be shared by several messages (COPY shares instead of duplicating) and is
 * deleted with the last message that refers to it.
 */
final class Contents {
    /**
     * Stored content.
     *
     * @param id its {@code iw_contents} id
     * @param size its size in bytes
     */
    record Stored(long id, long size) {}

    /**
     * A content and its first chunk, read in the caller's transaction.
     *
     * @param id the content id
     * @param size bytes
     * @param chunkSize the chunk size it was written with
     */
    record Located(long id, long size, int chunkSize) {}

    private final Database db;
    private final int chunkSize;

    Contents(Database db) {
        this.db = db;
        this.chunkSize = db.settings().chunkSize();
    }

    /**
     * Reads {@code in} to its end into new chunks, in the caller's transaction.
     *
     * @throws IOException when reading the stream fails (the caller rolls back)
     */
    Stored write(Connection c, InputStream in) throws SQLException, IOException {
        byte[] buf = new byte[chunkSize];
        return write(c, buf, fill(in, buf), in);
    }

    /** The chunk size new contents are written with. */
    int chunkSize() {
        return chunkSize;
    }

    /**
     * Writes a content whose first {@code n} bytes are in {@code buf} (a buffer of {@link #chunkSize()} bytes) and
     * whose rest, when {@code n} fills the buffer, is read from {@code in}.
     */
    Stored write(Connection c, byte[] buf, int n, InputStream in) throws SQLException, IOException {
        // a first chunk that is not full is the whole message: its size is known before the content row is written
        boolean known = n < buf.length;
        long id;
        try (PreparedStatement p = db.dialect()
                .prepareInsertReturningId(c, "INSERT INTO iw_contents (content_size, chunk_size) VALUES (?, ?)")) {
            p.setLong(1, known ? n : -1);
            p.setInt(2, chunkSize);
            p.executeUpdate();
            try (ResultSet r = p.getGeneratedKeys()) {
                r.next();
                id = r.getLong(1);
            }
        }
        long size = 0;
        try (PreparedStatement p =
                c.prepareStatement("INSERT INTO iw_chunks (content_id, seq, data) VALUES (?, ?, ?)")) {
            for (int seq = 0; n > 0; seq++) {
                p.setLong(1, id);
                p.setInt(2, seq);
                p.setBinaryStream(3, new ByteArrayInputStream(buf, 0, n), n);
                p.executeUpdate();
                size += n;
                if (n < buf.length) {
                    break;
                }
                n = fill(in, buf);
            }
        }
        if (!known) {
            try (PreparedStatement p = c.prepareStatement("UPDATE iw_contents SET content_size = ? WHERE id = ?")) {
                p.setLong(1, size);
                p.setLong(2, id);
                p.executeUpdate();
            }
        }
        return new Stored(id, size);
    }

    static int fill(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /** Deletes contents (and their chunks) that no message refers to any more. */
    static void deleteUnreferenced(Connection c, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM iw_contents WHERE id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM iw_messages WHERE content_id = ?)")) {
            for (long id : new java.util.TreeSet<>(ids)) {
                p.setLong(1, id);
                p.setLong(2, id);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Deletes a content that only its owner refers to (a queued message). */
    static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM iw_contents WHERE id = ?")) {
            p.setLong(1, id);
            p.executeUpdate();
        }
    }

    /** Reads chunk {@code seq} of a content, or {@code null} when it is gone. */
    static byte[] chunk(Connection c, long id, int seq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT data FROM iw_chunks WHERE content_id = ? AND seq = ?")) {
            p.setLong(1, id);
            p.setInt(2, seq);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        }
    }

    /**
     * A stream over {@code length} bytes from {@code offset} of a content; {@code first} is its chunk at {@code
     * offset}, already read in the caller's transaction, so that a small message costs one round trip.
     */
    InputStream open(Located content, long offset, long length, byte[] first) {
        return new ChunkInputStream(db, content, offset, length, first);
    }
}
