package org.icewarp.storage.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.UidSet;

/**
 * Compares one folder on both sides: attributes, UIDVALIDITY, UIDNEXT, and per message its UID, size, internal date
 * (to the second, the precision IMAP shows and every backend keeps), flags and the SHA-256 of its bytes. Messages are
 * streamed through the digest, a window of metadata at a time.
 */
final class FolderComparer {
    private final MailboxStore from;
    private final MailboxStore to;
    private final int pageSize;
    private final byte[] buffer = new byte[64 * 1024];

    FolderComparer(MailboxStore from, MailboxStore to, int pageSize) {
        this.from = from;
        this.to = to;
        this.pageSize = pageSize;
    }

    /** Compares {@code source} with {@code target} ({@code null}: the target has no such folder). */
    FolderCheck compare(EmailAddress account, Folder source, Folder target) {
        FolderName name = source.name();
        Problems problems = new Problems();
        FolderStatus ss = from.status(account, name);
        if (target == null) {
            problems.add("missing at the target");
            return new FolderCheck(
                    account,
                    name,
                    side(ss, scanOne(account, name, from, ss)),
                    FolderCheck.Side.ABSENT,
                    problems.lines());
        }
        FolderStatus ts = to.status(account, name);
        if (source.uidValidity() != target.uidValidity()) {
            problems.add("UIDVALIDITY " + source.uidValidity() + " at the source, " + target.uidValidity()
                    + " at the target");
        }
        if (ss.uidNext() != ts.uidNext()) {
            problems.add("UIDNEXT " + ss.uidNext() + " at the source, " + ts.uidNext() + " at the target");
        }
        if (source.subscribed() != target.subscribed()) {
            problems.add(
                    "subscribed " + source.subscribed() + " at the source, " + target.subscribed() + " at the target");
        }
        if (!source.specialUse().equals(target.specialUse())) {
            problems.add(
                    "special use " + source.specialUse() + " at the source, " + target.specialUse() + " at the target");
        }
        Digest sd = new Digest();
        Digest td = new Digest();
        long sourceLeft = ss.messages();
        long targetLeft = ts.messages();
        UidWindows windows = new UidWindows(1, Math.max(ss.uidNext(), ts.uidNext()) - 1, pageSize);
        while (windows.hasNext() && (sourceLeft > 0 || targetLeft > 0)) {
            UidSet window = windows.next();
            List<MessageMetadata> s = from.messages(account, name, window);
            List<MessageMetadata> d = to.messages(account, name, window);
            windows.observed(Math.max(s.size(), d.size()));
            sourceLeft -= s.size();
            targetLeft -= d.size();
            int i = 0;
            int j = 0;
            while (i < s.size() || j < d.size()) {
                MessageMetadata a = i < s.size() ? s.get(i) : null;
                MessageMetadata b = j < d.size() ? d.get(j) : null;
                if (a != null && b != null && a.uid() == b.uid()) {
                    compareMessage(account, name, a, b, sd, td, problems);
                    i++;
                    j++;
                } else if (b == null || (a != null && a.uid() < b.uid())) {
                    problems.add("UID " + a.uid() + " missing at the target");
                    sd.add(a, content(from, account, name, a));
                    i++;
                } else {
                    problems.add("UID " + b.uid() + " only at the target");
                    td.add(b, content(to, account, name, b));
                    j++;
                }
            }
        }
        if (sd.messages != ss.messages() || td.messages != ts.messages()) {
            problems.add("the folder changed while it was verified");
        }
        return new FolderCheck(account, name, side(ss, sd), side(ts, td), problems.lines());
    }

    private void compareMessage(
            EmailAddress account,
            FolderName name,
            MessageMetadata a,
            MessageMetadata b,
            Digest sd,
            Digest td,
            Problems problems) {
        byte[] ca = content(from, account, name, a);
        byte[] cb = content(to, account, name, b);
        sd.add(a, ca);
        td.add(b, cb);
        List<String> diff = new ArrayList<>();
        if (a.size() != b.size()) {
            diff.add("size " + a.size() + " / " + b.size());
        }
        if (a.internalDate().getEpochSecond() != b.internalDate().getEpochSecond()) {
            diff.add("internal date " + a.internalDate() + " / " + b.internalDate());
        }
        if (!a.flags().equals(b.flags())) {
            diff.add("flags " + a.flags() + " / " + b.flags());
        }
        if (!MessageDigest.isEqual(ca, cb)) {
            diff.add("content SHA-256 " + HexFormat.of().formatHex(ca) + " / "
                    + HexFormat.of().formatHex(cb));
        }
        if (!diff.isEmpty()) {
            problems.add("UID " + a.uid() + " differs (source / target): " + String.join(", ", diff));
        }
    }

    private Digest scanOne(EmailAddress account, FolderName name, MailboxStore store, FolderStatus st) {
        Digest d = new Digest();
        long left = st.messages();
        UidWindows windows = new UidWindows(1, st.uidNext() - 1, pageSize);
        while (windows.hasNext() && left > 0) {
            List<MessageMetadata> page = store.messages(account, name, windows.next());
            windows.observed(page.size());
            left -= page.size();
            for (MessageMetadata m : page) {
                d.add(m, content(store, account, name, m));
            }
        }
        return d;
    }

    private static FolderCheck.Side side(FolderStatus st, Digest d) {
        return new FolderCheck.Side(d.messages, d.bytes, st.uidValidity(), st.uidNext(), d.hex());
    }

    /** The SHA-256 of a message's bytes, streamed. */
    private byte[] content(MailboxStore store, EmailAddress account, FolderName name, MessageMetadata m) {
        MessageDigest md = sha256();
        try (InputStream in = store.open(account, name, m.uid())) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    "reading UID " + m.uid() + " of '" + name + "' of " + account + " failed", e);
        }
        return md.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A folder's digest: SHA-256 over each message's UID (8 bytes, big-endian) and the SHA-256 of its bytes. */
    private static final class Digest {
        private final MessageDigest md = sha256();
        long messages;
        long bytes;

        void add(MessageMetadata m, byte[] contentDigest) {
            md.update(ByteBuffer.allocate(8).putLong(m.uid()).array());
            md.update(contentDigest);
            messages++;
            bytes += m.size();
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** Problem lines, at most {@link FolderCheck#MAX_PROBLEMS}, the last counting those left out. */
    private static final class Problems {
        private final List<String> lines = new ArrayList<>();
        private long dropped;

        void add(String line) {
            if (lines.size() < FolderCheck.MAX_PROBLEMS - 1) {
                lines.add(line);
            } else {
                dropped++;
            }
        }

        List<String> lines() {
            List<String> out = new ArrayList<>(lines);
            if (dropped > 0) {
                out.add("... and " + dropped + " more");
            }
            return out;
        }
    }
}
