package org.icewarp.storage.fs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.icewarp.storage.Flag;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderStatus;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.fs.IndexRecord.Added;

/**
 * A folder's index in memory: the result of replaying its snapshot and journal. Counters are updated by {@link #apply}
 * and mirrored into the account's {@link Totals}; nothing here touches the disk. Not thread-safe: the folder's lock
 * guards it.
 */
final class FolderIndex {
    private Totals totals;
    private final NavigableMap<Long, Added> messages = new TreeMap<>();
    /** Messages whose bytes the journal still keeps (no durable file yet): UID → where the bytes are. */
    private final NavigableMap<Long, PackRef> packed = new TreeMap<>();

    private long uidValidity;
    private long uidNext = 1;
    private long firstRecent = 1;
    private boolean subscribed;
    private Set<SpecialUse> specialUse = EnumSet.noneOf(SpecialUse.class);
    private long size;
    private long unseen;
    private long recent;
    private long records;

    FolderIndex() {}

    /** Where an inline message's bytes are: journal generation and file offset. */
    record PackRef(long gen, long offset) {}

    void apply(IndexRecord r) {
        records++;
        if (r instanceof IndexRecord.Created c) {
            uidValidity = c.uidValidity();
        } else if (r instanceof Added a) {
            add(a);
            packed.remove(a.uid());
        } else if (r instanceof IndexRecord.AddedInline ai) {
            add(ai.added());
            packed.put(ai.added().uid(), new PackRef(ai.gen(), ai.contentOffset()));
        } else if (r instanceof IndexRecord.Materialised m) {
            for (long uid : m.uids()) {
                packed.remove(uid);
            }
        } else if (r instanceof IndexRecord.FlagsSet f) {
            for (Map.Entry<Long, Flags> e : f.flags().entrySet()) {
                Added old = messages.get(e.getKey());
                if (old != null) {
                    unseen +=
                            (e.getValue().has(Flag.SEEN) ? 0 : 1) - (old.flags().has(Flag.SEEN) ? 0 : 1);
                    messages.put(
                            old.uid(), new Added(old.uid(), old.size(), old.internalDate(), e.getValue(), old.file()));
                }
            }
        } else if (r instanceof IndexRecord.Expunged e) {
            for (long uid : e.uids()) {
                packed.remove(uid);
                Added old = messages.remove(uid);
                if (old != null) {
                    count(old, -1);
                }
            }
        } else if (r instanceof IndexRecord.RecentClaimed rc) {
            firstRecent = Math.max(firstRecent, rc.firstRecent());
            recent = messages.tailMap(firstRecent, true).size();
        } else if (r instanceof IndexRecord.UidsReserved u) {
            uidNext = Math.max(uidNext, u.uidNext());
        } else if (r instanceof IndexRecord.Subscribed s) {
            subscribed = s.subscribed();
        } else if (r instanceof IndexRecord.SpecialUseSet s) {
            specialUse = s.specialUse().isEmpty() ? EnumSet.noneOf(SpecialUse.class) : EnumSet.copyOf(s.specialUse());
        }
    }

    private void add(Added a) {
        Added old = messages.put(a.uid(), a);
        if (old != null) {
            count(old, -1);
        }
        count(a, 1);
        uidNext = Math.max(uidNext, a.uid() + 1);
    }

    private void count(Added a, int sign) {
        size += sign * a.size();
        unseen += a.flags().has(Flag.SEEN) ? 0 : sign;
        recent += a.uid() >= firstRecent ? sign : 0;
        if (totals != null) {
            totals.add(sign, sign * a.size());
        }
    }

    /** Adds this index's counts to the account's totals, which from now on follow every change. */
    void attach(Totals t) {
        totals = t;
        t.add(messages.size(), size);
    }

    /** Removes this index's counts from the account totals (when it is replaced by a fresh replay or deleted). */
    void detach() {
        if (totals != null) {
            totals.add(-messages.size(), -size);
            totals = null;
        }
    }

    NavigableMap<Long, Added> messages() {
        return messages;
    }

    /** Messages whose bytes are only in the journal so far. */
    NavigableMap<Long, PackRef> packed() {
        return packed;
    }

    /** The journal generations that hold bytes of messages without a durable file. */
    java.util.Set<Long> packedGenerations() {
        java.util.Set<Long> gens = new java.util.HashSet<>();
        packed.values().forEach(p -> gens.add(p.gen()));
        return gens;
    }

    long uidValidity() {
        return uidValidity;
    }

    long uidNext() {
        return uidNext;
    }

    long firstRecent() {
        return firstRecent;
    }

    boolean subscribed() {
        return subscribed;
    }

    Set<SpecialUse> specialUse() {
        return specialUse;
    }

    /** Records applied since this index was loaded from its snapshot. */
    long records() {
        return records;
    }

    void resetRecordCount() {
        records = 0;
    }

    FolderStatus status() {
        return new FolderStatus(messages.size(), unseen, recent, size, uidNext, uidValidity);
    }

    static MessageMetadata metadata(Added a) {
        return new MessageMetadata(a.uid(), a.size(), a.internalDate(), a.flags());
    }

    void writeSnapshot(DataOutput out) throws IOException {
        out.writeLong(uidValidity);
        out.writeLong(uidNext);
        out.writeLong(firstRecent);
        out.writeBoolean(subscribed);
        IndexRecord.write(new IndexRecord.SpecialUseSet(specialUse), out);
        out.writeInt(messages.size());
        for (Added a : messages.values()) {
            IndexRecord.writeAdded(a, out);
        }
        out.writeInt(packed.size());
        for (var e : packed.entrySet()) {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue().gen());
            out.writeLong(e.getValue().offset());
        }
    }

    void readSnapshot(DataInput in) throws IOException {
        uidValidity = in.readLong();
        long next = in.readLong();
        firstRecent = in.readLong();
        subscribed = in.readBoolean();
        apply(IndexRecord.read(in));
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            add(IndexRecord.readAdded(in));
        }
        int p = in.readInt();
        for (int i = 0; i < p; i++) {
            packed.put(in.readLong(), new PackRef(in.readLong(), in.readLong()));
        }
        uidNext = Math.max(uidNext, next);
        records = 0;
    }
}
