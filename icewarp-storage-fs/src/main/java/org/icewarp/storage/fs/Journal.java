package org.icewarp.storage.fs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The byte formats of a folder's journal and snapshot files.
 *
 * <p>A journal starts with the 4 bytes {@code IWJ1}; then records, each {@code length (int32, big-endian)}, {@code
 * CRC-32 of the payload (int32)}, {@code payload}. A record whose length runs past the end of the file or whose CRC does
 * not match is a torn write (the process died mid-write): reading stops before it, and the next writer truncates it.
 * A snapshot is {@code IWS1}, the generation of the journal that continues it (int64), then one record holding the whole
 * {@link FolderIndex}.
 */
final class Journal {
    static final int HEADER = 4;
    private static final byte[] JOURNAL_MAGIC = "IWJ1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SNAPSHOT_MAGIC = "IWS1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_RECORD = 256 * 1024 * 1024;

    private Journal() {}

    static Path journalFile(Path indexDir, long gen) {
        return indexDir.resolve("journal-" + gen);
    }

    static Path snapshotFile(Path indexDir) {
        return indexDir.resolve("snapshot");
    }

    static byte[] header() {
        return JOURNAL_MAGIC.clone();
    }

    /** Records framed for appending to a journal. */
    static byte[] frame(List<IndexRecord> records) throws IOException {
        return framed(records).bytes();
    }

    /**
     * Records framed for appending, with where each record's payload ends in {@code bytes} (an inline message's content
     * is the end of its payload).
     */
    record Framed(byte[] bytes, int[] payloadEnds) {}

    static Framed framed(List<IndexRecord> records) throws IOException {
        // Sized up front: an inline message is most of its record, and growing by doubling would copy it again and
        // again while the folder's lock is held.
        int estimate = 0;
        for (IndexRecord r : records) {
            estimate += FRAME_OVERHEAD + RECORD_ESTIMATE;
            if (r instanceof IndexRecord.AddedInline ai && ai.content() != null) {
                estimate += ai.content().length;
            }
        }
        Buffer all = new Buffer(estimate);
        DataOutputStream out = new DataOutputStream(all);
        Buffer payload = new Buffer(Math.max(64, estimate));
        DataOutputStream payloadOut = new DataOutputStream(payload);
        int[] ends = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            payload.reset();
            IndexRecord.write(records.get(i), payloadOut);
            payloadOut.flush();
            CRC32 crc = new CRC32();
            crc.update(payload.array(), 0, payload.size());
            out.writeInt(payload.size());
            out.writeInt((int) crc.getValue());
            out.write(payload.array(), 0, payload.size());
            ends[i] = all.size();
        }
        out.flush();
        return new Framed(all.exact(), ends);
    }

    private static void writeFramed(DataOutputStream out, byte[] payload) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(payload);
        out.writeInt(payload.length);
        out.writeInt((int) crc.getValue());
        out.write(payload);
    }

    /** Length and CRC in front of each record. */
    private static final int FRAME_OVERHEAD = 8;

    /** Room for a record's fields besides inline content (more is fine: the buffer grows). */
    private static final int RECORD_ESTIMATE = 256;

    /** A byte array output whose array is reachable, so that framing copies each byte once. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }

        /** The bytes written, without a copy when the array is exactly full. */
        byte[] exact() {
            return count == buf.length ? buf : Arrays.copyOf(buf, count);
        }
    }

    /** What reading a journal found. */
    record Tail(long validEnd, boolean sealed) {}

    /**
     * Reads the records from {@code offset} (or from the start, checking the header, when {@code offset} is 0) to the
     * end of the file or the first torn record, one frame at a time (so memory is bounded by the largest record).
     * {@link IndexRecord.AddedInline} records come without their content, as where it lies in generation {@code gen}.
     *
     * @throws IOException when the file is not a journal, or is damaged before valid records
     */
    static Tail read(FileChannel ch, long offset, long gen, Consumer<IndexRecord> sink) throws IOException {
        long size = ch.size();
        if (offset == 0) {
            if (size < HEADER) {
                return new Tail(0, false);
            }
            byte[] magic = readFully(ch, 0, HEADER);
            if (!Arrays.equals(magic, JOURNAL_MAGIC)) {
                throw new IOException("not an index journal (bad magic)");
            }
            offset = HEADER;
        }
        long pos = offset;
        while (size - pos >= 8) {
            ByteBuffer head = ByteBuffer.wrap(readFully(ch, pos, 8));
            int len = head.getInt();
            int crc = head.getInt();
            if (len <= 0 || len > MAX_RECORD || len > size - pos - 8) {
                requireOnlyATornTail(ch, pos, size);
                break;
            }
            byte[] payload = readFully(ch, pos + 8, len);
            CRC32 c = new CRC32();
            c.update(payload);
            if (payload.length != len || (int) c.getValue() != crc) {
                requireOnlyATornTail(ch, pos, size);
                break;
            }
            IndexRecord r = IndexRecord.read(new DataInputStream(new ByteArrayInputStream(payload)));
            if (r instanceof IndexRecord.AddedInline ai) {
                long contentSize = ai.added().size();
                if (contentSize > len) {
                    throw new IOException(
                            "index journal damaged at offset " + pos + ": inline message larger than " + "its record");
                }
                r = new IndexRecord.AddedInline(ai.added(), null, gen, pos + 8 + len - contentSize);
            }
            pos += 8 + len;
            if (r instanceof IndexRecord.Sealed) {
                return new Tail(pos, true);
            }
            sink.accept(r);
        }
        return new Tail(pos, false);
    }

    /** Whether a whole, checksum-valid frame starts at {@code at}. */
    private static boolean frameAt(byte[] buf, int at) {
        if (buf.length - at < 8) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(buf, at, buf.length - at);
        int len = b.getInt();
        int crc = b.getInt();
        if (len <= 0 || len > MAX_RECORD || len > b.remaining()) {
            return false;
        }
        CRC32 c = new CRC32();
        c.update(buf, at + 8, len);
        return (int) c.getValue() == crc;
    }

    /**
     * An invalid frame is a torn tail (a crash mid-write, cut away by the next writer) only when no valid frame follows
     * it. A valid frame after it means the damage is in the middle of acknowledged records: cutting there would lose
     * them and let their UIDs be reused, so the folder refuses to open instead.
     */
    private static void requireOnlyATornTail(FileChannel ch, long bad, long size) throws IOException {
        byte[] buf = readFully(ch, bad, (int) Math.min(size - bad, Integer.MAX_VALUE - 16));
        for (int at = 1; at <= buf.length - 8; at++) {
            if (frameAt(buf, at)) {
                throw new IOException(
                        "index journal damaged at offset " + bad
                                + " with valid records after it; not truncating (restore the folder's .index or run a recount)");
            }
        }
    }

    static byte[] readFully(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                return Arrays.copyOf(b.array(), b.position());
            }
        }
        return b.array();
    }

    static void writeFully(FileChannel ch, long pos, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b, pos + b.position());
        }
    }

    static byte[] snapshot(FolderIndex index, long gen) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        index.writeSnapshot(new DataOutputStream(payload));
        ByteArrayOutputStream all = new ByteArrayOutputStream(payload.size() + 24);
        DataOutputStream out = new DataOutputStream(all);
        out.write(SNAPSHOT_MAGIC);
        out.writeLong(gen);
        writeFramed(out, payload.toByteArray());
        return all.toByteArray();
    }

    /**
     * Loads a snapshot into {@code index}.
     *
     * @return the generation of the journal that continues it
     * @throws IOException when the file is damaged (snapshots are written atomically, so this is not a crash)
     */
    static long readSnapshot(byte[] bytes, FolderIndex index) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[4];
        if (bytes.length < 20) {
            throw new IOException("snapshot is truncated");
        }
        b.get(magic);
        if (!Arrays.equals(magic, SNAPSHOT_MAGIC)) {
            throw new IOException("not an index snapshot (bad magic)");
        }
        long gen = b.getLong();
        int len = b.getInt();
        int crc = b.getInt();
        if (len != b.remaining()) {
            throw new IOException("snapshot length does not match");
        }
        CRC32 c = new CRC32();
        c.update(bytes, b.position(), len);
        if ((int) c.getValue() != crc) {
            throw new IOException("snapshot checksum does not match");
        }
        index.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes, b.position(), len)));
        return gen;
    }
}
