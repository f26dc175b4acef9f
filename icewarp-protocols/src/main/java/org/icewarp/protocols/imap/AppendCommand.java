package org.icewarp.protocols.imap;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.icewarp.storage.Account;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;

/**
 * APPEND (RFC 3501 section 6.3.11) with APPENDUID (RFC 4315): flags, internal date and the message literal, stored with
 * the account's quota. A missing mailbox is answered {@code NO [TRYCREATE]}.
 */
final class AppendCommand implements ImapProcessor<AppendCommand.Request> {
    /** {@code date-time} of RFC 3501 section 9; a day of one digit has a leading space. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    /**
     * @param mailbox the mailbox name as sent
     * @param flags the flags to set
     * @param internalDate the internal date, or {@code null} for now
     * @param content the message
     */
    record Request(String mailbox, Flags flags, Instant internalDate, byte[] content) {}

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        String mailbox = arguments.astring();
        arguments.sp();
        Flags flags = Flags.NONE;
        if (arguments.peek() == '(') {
            List<String> names = arguments.flagList();
            flags = ImapStrings.parseFlags(names);
            arguments.sp();
        }
        Instant date = null;
        if (arguments.peek() == '"') {
            date = parseDate(arguments.string());
            arguments.sp();
        }
        if (!arguments.atLiteral()) {
            throw new ImapParseException("expected the message as a literal");
        }
        byte[] content = arguments.literal();
        arguments.end();
        return new Request(mailbox, flags, date, content);
    }

    static Instant parseDate(String text) {
        String t = text.length() > 0 && text.charAt(0) == ' ' ? "0" + text.substring(1) : text;
        try {
            return ZonedDateTime.parse(t, DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImapParseException("invalid date-time");
        }
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        FolderName name = session.folder(tag, request.mailbox());
        if (name == null) {
            return;
        }
        ImapServer server = session.server();
        Instant date = request.internalDate() == null ? server.context.clock().instant() : request.internalDate();
        session.blocking(
                () -> {
                    long quota = server.context
                            .accounts()
                            .findAccount(session.account())
                            .map(Account::quotaBytes)
                            .orElse(0L);
                    return server.store()
                            .append(
                                    session.account(),
                                    name,
                                    new ByteArrayInputStream(request.content()),
                                    new AppendRequest(request.flags(), date, quota));
                },
                (result, failure) -> {
                    if (failure instanceof org.icewarp.storage.NotFoundException) {
                        session.no(tag, "[TRYCREATE] No such mailbox");
                    } else if (failure != null) {
                        session.failed(tag, failure);
                    } else {
                        session.ok(
                                tag, "[APPENDUID " + result.uidValidity() + " " + result.uid() + "] APPEND completed");
                    }
                });
    }
}
