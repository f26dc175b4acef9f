package org.icewarp.protocols.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * ENABLE (RFC 5161). No capability that needs enabling is implemented yet (IMAP4rev2, CONDSTORE, UTF8=ACCEPT), so the
 * answer is an empty ENABLED response, which RFC 5161 section 3.1 allows for extensions the server does not support.
 */
final class EnableCommand implements ImapProcessor<EnableCommand.Request> {
    /** @param capabilities what the client asked to enable */
    record Request(List<String> capabilities) {
        Request {
            capabilities = List.copyOf(capabilities);
        }
    }

    @Override
    public Request parse(ImapReader arguments) {
        List<String> names = new ArrayList<>();
        while (arguments.maybeSp()) {
            names.add(arguments.atom());
        }
        arguments.end();
        if (names.isEmpty()) {
            throw new ImapParseException("ENABLE needs at least one capability");
        }
        return new Request(names);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        session.untagged("ENABLED");
        session.ok(tag, "ENABLE completed");
    }
}
