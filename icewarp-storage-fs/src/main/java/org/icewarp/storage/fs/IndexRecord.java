package org.icewarp.storage.fs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.icewarp.storage.Flag;
import org.icewarp.storage.Flags;
import org.icewarp.storage.SpecialUse;

/** One change of a folder's index, as written to its journal (the byte layout is in the README). */
sealed interface IndexRecord {
    byte CREATED = 1,
            ADDED = 2,
            FLAGS = 3,
            EXPUNGED = 4,
            RECENT = 5,
            SUBSCRIBED = 6,
            SPECIAL_USE = 7,
            SEALED = 8,
            ADDED_INLINE = 9,
            MATERIALISED = 10,
            UIDS_RESERVED = 11;

    /** The folder was created with this UIDVALIDITY. */
    record Created(long uidValidity) implements IndexRecord {}

    /** A message file was added. */
    record Added(long uid, long size, Instant internalDate, Flags flags, String file) implements IndexRecord {}

    /**
     * A message made durable inside the journal: its bytes are the last {@code added.size()} bytes of the record's
     * payload. Written with {@code content}; read back without it, as where the bytes are: journal generation {@code
     * gen}, file offset {@code contentOffset}.
     */
    record AddedInline(Added added, byte[] content, long gen, long contentOffset) implements IndexRecord {}

    /** These messages' files are durable: the journal no longer needs to keep their bytes. */
    record Materialised(long[] uids) implements IndexRecord {}

    /** Messages' flags became these. */
    record FlagsSet(Map<Long, Flags> flags) implements IndexRecord {}

    /** Messages were removed. */
    record Expunged(long[] uids) implements IndexRecord {}

    /** Messages below this UID are no longer recent. */
    record RecentClaimed(long firstRecent) implements IndexRecord {}

    /** Subscription changed. */
    record Subscribed(boolean subscribed) implements IndexRecord {}

    /** Special-use attributes changed. */
    record SpecialUseSet(Set<SpecialUse> specialUse) implements IndexRecord {}

    /** UIDs below this one are used up (storage migration keeps the source's UIDNEXT). */
    record UidsReserved(long uidNext) implements IndexRecord {}

    /** The journal ends here; the next generation continues. */
    record Sealed() implements IndexRecord {}

    static void write(IndexRecord r, DataOutput out) throws IOException {
        if (r instanceof Created c) {
            out.writeByte(CREATED);
            out.writeLong(c.uidValidity());
        } else if (r instanceof Added a) {
            out.writeByte(ADDED);
            writeAdded(a, out);
        } else if (r instanceof AddedInline a) {
            out.writeByte(ADDED_INLINE);
            writeAdded(a.added(), out);
            out.write(a.content()); // last: its length is the message size
        } else if (r instanceof Materialised m) {
            out.writeByte(MATERIALISED);
            writeUids(m.uids(), out);
        } else if (r instanceof FlagsSet f) {
            out.writeByte(FLAGS);
            out.writeInt(f.flags().size());
            for (Map.Entry<Long, Flags> e : f.flags().entrySet()) {
                out.writeLong(e.getKey());
                writeFlags(e.getValue(), out);
            }
        } else if (r instanceof Expunged e) {
            out.writeByte(EXPUNGED);
            writeUids(e.uids(), out);
        } else if (r instanceof RecentClaimed rc) {
            out.writeByte(RECENT);
            out.writeLong(rc.firstRecent());
        } else if (r instanceof Subscribed s) {
            out.writeByte(SUBSCRIBED);
            out.writeBoolean(s.subscribed());
        } else if (r instanceof SpecialUseSet s) {
            out.writeByte(SPECIAL_USE);
            int mask = 0;
            for (SpecialUse u : s.specialUse()) {
                mask |= 1 << u.ordinal();
            }
            out.writeInt(mask);
        } else if (r instanceof UidsReserved u) {
            out.writeByte(UIDS_RESERVED);
            out.writeLong(u.uidNext());
        } else {
            out.writeByte(SEALED);
        }
    }

    static IndexRecord read(DataInput in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case CREATED -> new Created(in.readLong());
            case ADDED -> readAdded(in);
            case FLAGS -> {
                int n = in.readInt();
                Map<Long, Flags> m = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(in.readLong(), readFlags(in));
                }
                yield new FlagsSet(m);
            }
            case EXPUNGED -> new Expunged(readUids(in));
            case MATERIALISED -> new Materialised(readUids(in));
            case ADDED_INLINE -> {
                Added a = readAdded(in);
                // the content follows to the end of the payload; the journal reader knows where that is
                yield new AddedInline(a, null, 0, -1);
            }
            case RECENT -> new RecentClaimed(in.readLong());
            case SUBSCRIBED -> new Subscribed(in.readBoolean());
            case SPECIAL_USE -> {
                int mask = in.readInt();
                Set<SpecialUse> s = EnumSet.noneOf(SpecialUse.class);
                for (SpecialUse u : SpecialUse.values()) {
                    if ((mask & (1 << u.ordinal())) != 0) {
                        s.add(u);
                    }
                }
                yield new SpecialUseSet(s);
            }
            case SEALED -> new Sealed();
            case UIDS_RESERVED -> new UidsReserved(in.readLong());
            default -> throw new IOException("unknown index record type " + type);
        };
    }

    private static void writeUids(long[] uids, DataOutput out) throws IOException {
        out.writeInt(uids.length);
        for (long uid : uids) {
            out.writeLong(uid);
        }
    }

    private static long[] readUids(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000_000) {
            throw new IOException("bad UID count " + n);
        }
        long[] uids = new long[n];
        for (int i = 0; i < n; i++) {
            uids[i] = in.readLong();
        }
        return uids;
    }

    static void writeAdded(Added a, DataOutput out) throws IOException {
        out.writeLong(a.uid());
        out.writeLong(a.size());
        out.writeLong(a.internalDate().getEpochSecond());
        out.writeInt(a.internalDate().getNano());
        writeFlags(a.flags(), out);
        out.writeUTF(a.file());
    }

    static Added readAdded(DataInput in) throws IOException {
        long uid = in.readLong();
        long size = in.readLong();
        Instant date = Instant.ofEpochSecond(in.readLong(), in.readInt());
        Flags flags = readFlags(in);
        return new Added(uid, size, date, flags, in.readUTF());
    }

    static void writeFlags(Flags f, DataOutput out) throws IOException {
        int mask = 0;
        for (Flag x : f.system()) {
            mask |= 1 << x.ordinal();
        }
        out.writeByte(mask);
        out.writeShort(f.keywords().size());
        for (String k : f.keywords()) {
            out.writeUTF(k);
        }
    }

    static Flags readFlags(DataInput in) throws IOException {
        int mask = in.readByte();
        Set<Flag> s = EnumSet.noneOf(Flag.class);
        for (Flag x : Flag.values()) {
            if ((mask & (1 << x.ordinal())) != 0) {
                s.add(x);
            }
        }
        int n = in.readShort();
        Set<String> k = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            k.add(in.readUTF());
        }
        return s.isEmpty() && k.isEmpty() ? Flags.NONE : new Flags(s, k);
    }
}
