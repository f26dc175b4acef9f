package org.icewarp.protocols.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.QuotaExceededException;
import org.icewarp.storage.UidSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans one spooled message out to storage: a copy appended to each local recipient's INBOX, and one queue entry for all
 * remote recipients. {@link #deliver} returns only when every copy is durable; the session answers {@code 250} then,
 * and only then.
 *
 * <p>All or nothing: the local copies are appended first and the queue entry is written last (the queue has no way to
 * withdraw an entry, a mailbox has: expunge). When any step fails, the copies already appended are expunged and
 * {@link DeliveryException} is thrown; the session answers {@code 451 4.3.0} ({@link DeliveryException.Reason#STORAGE})
 * or {@code 452 4.2.2} ({@link DeliveryException.Reason#QUOTA}) and the client retries the whole message. A quota
 * refusal at delivery time (the mailbox filled up between RCPT and the end of DATA) fails the whole transaction for
 * the reason given on {@link DeliveryException.Reason#QUOTA}.
 *
 * <p>Limits of the guarantee: if the expunge of an earlier copy fails too, that copy stays (logged at WARN) and the
 * client's retry duplicates it; a process crash in the middle of the fan-out likewise leaves the copies made so far
 * with no {@code 250} sent. Both err on the side of a duplicate, never of a loss (RFC 5321 section 6.1).
 *
 * <p>Each copy is streamed from the spool ({@code Return-Path} + the header prefix + the body for a mailbox; the header
 * prefix + the body for the queue): the message is never held in memory whole here. A recipient whose account has no
 * mailbox yet (created in the account store by a directory sync, say) gets one, with its INBOX, on first delivery.
 *
 * <p>Thread-safe (no state of its own); blocks on storage, so call it on the kernel's blocking executor.
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final MailboxStore mailboxes;
    private final QueueStore queue;
    private final Clock clock;

    Delivery(MailboxStore mailboxes, QueueStore queue, Clock clock) {
        this.mailboxes = Objects.requireNonNull(mailboxes, "mailboxes");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Delivers the message to every recipient, durably, or not at all.
     *
     * @param spool the message as received (after dot-unstuffing), complete
     * @param headerPrefix lines to put before the message ({@code Received:} and the like), each CRLF-terminated; may
     *     be empty
     * @param envelope the sender, the recipients and the DSN parameters
     * @return every copy made
     * @throws DeliveryException when a copy could not be made; nothing of the message is left in storage (see the class
     *     comment for the limits)
     * @throws IllegalArgumentException when {@code headerPrefix} is not empty and does not end with CRLF
     */
    DeliveryResult deliver(MessageSpool spool, byte[] headerPrefix, DeliveryEnvelope envelope) {
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(headerPrefix, "headerPrefix");
        Objects.requireNonNull(envelope, "envelope");
        int n = headerPrefix.length;
        if (n > 0 && (n < 2 || headerPrefix[n - 2] != '\r' || headerPrefix[n - 1] != '\n')) {
            throw new IllegalArgumentException("headerPrefix must consist of CRLF-terminated lines");
        }
        Instant now = clock.instant();
        // the sender may be UTF-8 under SMTPUTF8 (RFC 6531); it is ASCII otherwise
        byte[] returnPath = TraceHeader.returnPath(envelope.sender()).getBytes(StandardCharsets.UTF_8);
        List<DeliveryResult.StoredCopy> done = new ArrayList<>();
        try {
            for (LocalTarget target : distinct(envelope.local())) {
                done.add(append(target, spool, returnPath, headerPrefix, now));
            }
            List<QueueId> queued = List.of();
            List<QueueRecipient> remote = distinctRemote(envelope.remote());
            if (!remote.isEmpty()) {
                Envelope queued0 =
                        new Envelope(envelope.sender(), remote, now, envelope.envelopeId(), envelope.returnFull());
                try (InputStream content = content(spool, headerPrefix)) {
                    queued = List.of(queue.enqueue(queued0, content, now));
                }
            }
            return new DeliveryResult(done, queued);
        } catch (QuotaExceededException e) {
            rollback(done, e);
            throw new DeliveryException(DeliveryException.Reason.QUOTA, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            rollback(done, e);
            throw new DeliveryException(
                    DeliveryException.Reason.STORAGE, "delivery failed, nothing kept: " + e.getMessage(), e);
        }
    }

    private DeliveryResult.StoredCopy append(
            LocalTarget target, MessageSpool spool, byte[] returnPath, byte[] headerPrefix, Instant now)
            throws IOException {
        AppendRequest request = new AppendRequest(Flags.NONE, now, target.quotaBytes());
        AppendResult r;
        try (InputStream content = content(spool, returnPath, headerPrefix)) {
            r = mailboxes.append(target.mailbox(), FolderName.INBOX, content, request);
        } catch (NotFoundException e) {
            // the account exists (the resolver found it) but has no mailbox yet: make it, then try once more
            LOG.debug("creating the missing mailbox of {} for delivery", target.mailbox());
            mailboxes.createMailbox(target.mailbox());
            try (InputStream content = content(spool, returnPath, headerPrefix)) {
                r = mailboxes.append(target.mailbox(), FolderName.INBOX, content, request);
            }
        }
        return new DeliveryResult.StoredCopy(target.mailbox(), r.uidValidity(), r.uid(), r.size());
    }

    private static InputStream content(MessageSpool spool, byte[]... prefixes) throws IOException {
        List<InputStream> parts = new ArrayList<>(prefixes.length + 1);
        for (byte[] p : prefixes) {
            parts.add(new ByteArrayInputStream(p));
        }
        parts.add(spool.open());
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** Expunges the copies made so far; what cannot be removed is logged and attached to {@code failure}. */
    private void rollback(List<DeliveryResult.StoredCopy> done, Exception failure) {
        for (int i = done.size() - 1; i >= 0; i--) {
            DeliveryResult.StoredCopy c = done.get(i);
            try {
                UidSet uid = UidSet.of(c.uid());
                mailboxes.updateFlags(
                        c.mailbox(),
                        FolderName.INBOX,
                        uid,
                        new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
                mailboxes.expunge(c.mailbox(), FolderName.INBOX, uid);
            } catch (RuntimeException e) {
                LOG.warn(
                        "delivery failed, and copy UID {} in the INBOX of {} could not be removed: {}; "
                                + "the client's retry will duplicate it",
                        c.uid(),
                        c.mailbox(),
                        e.toString());
                failure.addSuppressed(e);
            }
        }
    }

    /** One target per mailbox (mailboxes are keyed by the folded address), first occurrence kept. */
    private static List<LocalTarget> distinct(List<LocalTarget> targets) {
        Map<EmailAddress, LocalTarget> byMailbox = new LinkedHashMap<>();
        for (LocalTarget t : targets) {
            byMailbox.putIfAbsent(t.mailbox().folded(), t);
        }
        return List.copyOf(byMailbox.values());
    }

    /** One queue recipient per address as given (remote local parts may be case-sensitive), first occurrence kept. */
    private static List<QueueRecipient> distinctRemote(List<QueueRecipient> recipients) {
        Map<String, QueueRecipient> byAddress = new LinkedHashMap<>();
        for (QueueRecipient r : recipients) {
            byAddress.putIfAbsent(r.address(), r);
        }
        return List.copyOf(byAddress.values());
    }
}
