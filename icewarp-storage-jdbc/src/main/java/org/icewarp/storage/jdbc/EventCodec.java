package org.icewarp.storage.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MessageMetadata;

/**
 * Mailbox events as text for the change log: one event per line, fields separated by tabs. Addresses, folder names
 * and keywords never contain tabs or line breaks (the SPI rejects control characters), so no escaping is needed.
 */
final class EventCodec {
    private EventCodec() {}

    static String encode(List<MailboxEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (MailboxEvent e : events) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (e instanceof MailboxEvent.MessageAdded a) {
                fields(sb, "A", a.account(), a.folder())
                        .append('\t')
                        .append(a.uidValidity())
                        .append('\t')
                        .append(a.uid());
            } else if (e instanceof MailboxEvent.FlagsChanged f) {
                fields(sb, "F", f.account(), f.folder())
                        .append('\t')
                        .append(f.messages().size());
                for (MessageMetadata m : f.messages()) {
                    sb.append('\t').append(m.uid());
                    sb.append('\t').append(m.size());
                    sb.append('\t').append(Micros.of(m.internalDate()));
                    sb.append('\t').append(Bits.flags(m.flags()));
                    sb.append('\t').append(Bits.keywords(m.flags()));
                }
            } else if (e instanceof MailboxEvent.MessagesExpunged x) {
                fields(sb, "X", x.account(), x.folder()).append('\t');
                for (int i = 0; i < x.uids().size(); i++) {
                    sb.append(i == 0 ? "" : ",").append(x.uids().get(i));
                }
            } else if (e instanceof MailboxEvent.FolderChanged c) {
                fields(sb, "C", c.account(), c.folder())
                        .append('\t')
                        .append(c.kind().name())
                        .append('\t')
                        .append(c.newName() == null ? "" : c.newName().value());
            }
        }
        return sb.toString();
    }

    private static StringBuilder fields(StringBuilder sb, String kind, EmailAddress account, FolderName folder) {
        return sb.append(kind).append('\t').append(account).append('\t').append(folder.value());
    }

    static List<MailboxEvent> decode(String text) {
        List<MailboxEvent> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            EmailAddress account = EmailAddress.parse(f[1]);
            FolderName folder = FolderName.of(f[2]);
            switch (f[0]) {
                case "A" ->
                    out.add(new MailboxEvent.MessageAdded(account, folder, Long.parseLong(f[3]), Long.parseLong(f[4])));
                case "F" -> {
                    int n = Integer.parseInt(f[3]);
                    List<MessageMetadata> messages = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        int b = 4 + i * 5;
                        messages.add(new MessageMetadata(
                                Long.parseLong(f[b]),
                                Long.parseLong(f[b + 1]),
                                Micros.instant(Long.parseLong(f[b + 2])),
                                Bits.flags(Integer.parseInt(f[b + 3]), f[b + 4])));
                    }
                    out.add(new MailboxEvent.FlagsChanged(account, folder, messages));
                }
                case "X" -> {
                    List<Long> uids = new ArrayList<>();
                    for (String u : f[3].split(",")) {
                        if (!u.isEmpty()) {
                            uids.add(Long.parseLong(u));
                        }
                    }
                    out.add(new MailboxEvent.MessagesExpunged(account, folder, uids));
                }
                case "C" ->
                    out.add(new MailboxEvent.FolderChanged(
                            account,
                            folder,
                            MailboxEvent.FolderChanged.Kind.valueOf(f[3]),
                            f[4].isEmpty() ? null : FolderName.of(f[4])));
                default -> throw new IllegalStateException("unknown change-log event kind '" + f[0] + "'");
            }
        }
        return out;
    }
}
