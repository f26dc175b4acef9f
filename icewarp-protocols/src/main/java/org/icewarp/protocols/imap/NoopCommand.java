package org.icewarp.protocols.imap;

/** NOOP (RFC 3501 section 6.1.2) and CHECK (section 6.4.1): nothing but the pending mailbox updates. */
final class NoopCommand implements ImapProcessor<NoopCommand.Request> {
    /** No arguments. */
    record Request() {}

    @Override
    public Request parse(ImapReader arguments) {
        arguments.end();
        return new Request();
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        session.ok(tag, "completed");
    }
}
