package org.icewarp.protocols.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;

/** STATUS (RFC 3501 section 6.3.10) with SIZE (RFC 8438): counts from the store, kept current without a scan. */
final class StatusCommand implements ImapProcessor<StatusCommand.Request> {
    private static final Set<String> ITEMS = Set.of("MESSAGES", "UNSEEN", "RECENT", "UIDNEXT", "UIDVALIDITY", "SIZE");

    /** @param mailbox the mailbox name as sent; @param items the status data items asked for, in order */
    record Request(String mailbox, List<String> items) {
        Request {
            items = List.copyOf(items);
        }
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        String mailbox = arguments.astring();
        arguments.sp();
        List<String> items = items(arguments);
        arguments.end();
        return new Request(mailbox, items);
    }

    /** A parenthesised list of status items, at least one (shared with LIST-STATUS). */
    static List<String> items(ImapReader arguments) {
        arguments.expect('(');
        List<String> items = new ArrayList<>();
        while (arguments.peek() != ')') {
            if (!items.isEmpty()) {
                arguments.sp();
            }
            String item = arguments.atom().toUpperCase(Locale.ROOT);
            if (!ITEMS.contains(item)) {
                throw new ImapParseException("unknown status item " + item);
            }
            items.add(item);
        }
        arguments.expect(')');
        if (items.isEmpty()) {
            throw new ImapParseException("STATUS needs at least one item");
        }
        return items;
    }

    /** The items' values as the STATUS response lists them. */
    static String render(FolderStatus status, List<String> items) {
        List<String> out = new ArrayList<>();
        for (String item : items) {
            out.add(item + " " + value(status, item));
        }
        return String.join(" ", out);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        FolderName name = session.folder(tag, request.mailbox());
        if (name == null) {
            return;
        }
        session.blocking(() -> session.server().store().status(session.account(), name), (status, failure) -> {
            if (failure != null) {
                session.failed(tag, failure);
                return;
            }
            List<String> out = new ArrayList<>();
            for (String item : request.items()) {
                out.add(item + " " + value(status, item));
            }
            session.untagged(
                    "STATUS " + ImapStrings.string(MailboxNames.wire(name)) + " (" + String.join(" ", out) + ")");
            session.ok(tag, "STATUS completed");
        });
    }

    private static long value(FolderStatus status, String item) {
        return switch (item) {
            case "MESSAGES" -> status.messages();
            case "UNSEEN" -> status.unseen();
            case "RECENT" -> status.recent();
            case "UIDNEXT" -> status.uidNext();
            case "UIDVALIDITY" -> status.uidValidity();
            default -> status.size();
        };
    }
}
