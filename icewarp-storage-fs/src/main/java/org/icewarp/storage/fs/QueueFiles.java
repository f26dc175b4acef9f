package org.icewarp.storage.fs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.icewarp.storage.DsnNotify;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueuedMessage;
import org.icewarp.storage.RecipientStatus;

/** A queued message's state file (keys listed in the README) to and from {@link QueuedMessage}. */
final class QueueFiles {
    static final String STATE_SUFFIX = ".state";
    static final String CONTENT_SUFFIX = ".eml";

    private QueueFiles() {}

    static byte[] write(QueuedMessage m) {
        Envelope e = m.envelope();
        KeyValueFile f = new KeyValueFile()
                .add("id", m.id())
                .add("sender", e.sender())
                .add("received", e.received())
                .add("envelope-id", e.envelopeId())
                .add("return-full", e.returnFull())
                .add("size", m.size())
                .add("enqueued", m.enqueued())
                .add("next-attempt", m.nextAttempt())
                .add("attempts", m.attempts())
                .add("lease-owner", m.leaseOwner())
                .add("lease-expires", m.leaseExpires());
        for (RecipientStatus r : m.recipients()) {
            f.add("recipient", r.recipient().address())
                    .add(
                            "recipient-notify",
                            r.recipient().notifyOn().stream().map(Enum::name).collect(Collectors.joining(",")))
                    .add("recipient-orcpt", r.recipient().originalRecipient())
                    .add("recipient-state", r.state().name().toLowerCase(Locale.ROOT))
                    .add("recipient-attempts", r.attempts())
                    .add("recipient-detail", r.lastDetail());
        }
        return f.toBytes("icewarp queued message");
    }

    static QueuedMessage read(byte[] content) {
        KeyValueFile f = KeyValueFile.parse(content);
        List<String> addr = f.all("recipient");
        List<String> notify = f.all("recipient-notify");
        List<String> orcpt = f.all("recipient-orcpt");
        List<String> state = f.all("recipient-state");
        List<String> attempts = f.all("recipient-attempts");
        List<String> detail = f.all("recipient-detail");
        for (List<String> l : List.of(notify, orcpt, state, attempts, detail)) {
            if (l.size() != addr.size()) {
                throw new IllegalArgumentException("recipient lines do not line up");
            }
        }
        List<QueueRecipient> rcpts = new ArrayList<>();
        List<RecipientStatus> statuses = new ArrayList<>();
        for (int i = 0; i < addr.size(); i++) {
            Set<DsnNotify> n = EnumSet.noneOf(DsnNotify.class);
            for (String s : notify.get(i).split(",")) {
                if (!s.isEmpty()) {
                    n.add(DsnNotify.valueOf(s));
                }
            }
            QueueRecipient r = new QueueRecipient(addr.get(i), n, orcpt.get(i));
            rcpts.add(r);
            statuses.add(new RecipientStatus(
                    r,
                    RecipientStatus.State.valueOf(state.get(i).toUpperCase(Locale.ROOT)),
                    Integer.parseInt(attempts.get(i)),
                    detail.get(i)));
        }
        Envelope e = new Envelope(
                f.require("sender"),
                rcpts,
                Instant.parse(f.require("received")),
                f.get("envelope-id", ""),
                Boolean.parseBoolean(f.get("return-full", "false")));
        return new QueuedMessage(
                new QueueId(f.require("id")),
                e,
                Long.parseLong(f.require("size")),
                Instant.parse(f.require("enqueued")),
                Instant.parse(f.require("next-attempt")),
                Integer.parseInt(f.get("attempts", "0")),
                statuses,
                f.get("lease-owner", ""),
                Instant.parse(f.get("lease-expires", Instant.EPOCH.toString())));
    }
}
