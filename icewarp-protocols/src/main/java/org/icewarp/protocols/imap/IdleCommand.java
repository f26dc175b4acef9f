package org.icewarp.protocols.imap;

/**
 * IDLE (RFC 2177): {@code +} and then the selected mailbox's changes as they happen (from any session, through the
 * store's listener) until the client sends {@code DONE}.
 */
final class IdleCommand implements ImapProcessor<IdleCommand.Request> {
    /** No arguments. */
    record Request() {}

    /** An IDLE in progress. */
    record Idle(String tag) {}

    @Override
    public Request parse(ImapReader arguments) {
        arguments.end();
        return new Request();
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        session.idle(new Idle(tag));
        session.continuation("idling");
        session.mailboxChanged();
    }

    /** The line that ends IDLE. */
    static void done(ImapSession session, String line) {
        Idle idle = session.idle();
        session.idle(null);
        if (line.equalsIgnoreCase("DONE")) {
            session.ok(idle.tag(), "IDLE terminated");
        } else {
            session.bad(idle.tag(), "Expected DONE");
        }
    }
}
