package org.icewarp.protocols.smtp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.QueueRecipient;

/**
 * One mail transaction: from MAIL to the end of DATA or BDAT LAST, or RSET. Touched only on the session's event loop,
 * except the spool, which only the session's serial executor writes.
 */
final class SmtpTransaction {
    final MailArguments mail;
    final String id;
    /** Accepted recipients as the client wrote them (after hooks), for the trace header and the log. */
    final List<SmtpMailbox> accepted = new ArrayList<>();
    /** Local mailboxes to append to, deduplicated across recipients. */
    final Map<EmailAddress, LocalTarget> local = new LinkedHashMap<>();
    /** Remote recipients to queue. */
    final List<QueueRecipient> remote = new ArrayList<>();
    /** Recipients refused, for the log. */
    int refused;

    MessageSpool spool;
    /** Set by the serial executor when a spool write failed; read on the loop after the content ended. */
    volatile Exception spoolFailure;
    /** Octets handed to the serial executor and not yet written. */
    long spoolBacklog;
    /** BDAT octets received so far (all chunks). */
    long chunked;

    boolean bdat;
    /** Whether the BDAT chunk being read is the last. */
    boolean lastChunk;

    boolean tooLarge;

    SmtpTransaction(MailArguments mail, String id) {
        this.mail = mail;
        this.id = id;
    }

    /** Recipients that count against the limit: every RCPT that was accepted. */
    int recipientCount() {
        return accepted.size();
    }

    String sender() {
        return mail.sender().map(MailboxText::path).orElse("");
    }
}
