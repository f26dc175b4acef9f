package org.icewarp.protocols.imap;

/** NAMESPACE (RFC 2342): one personal namespace with the prefix "" and the delimiter "/"; no others. */
final class NamespaceCommand implements ImapProcessor<NamespaceCommand.Request> {
    /** No arguments. */
    record Request() {}

    @Override
    public Request parse(ImapReader arguments) {
        arguments.end();
        return new Request();
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        session.untagged("NAMESPACE ((\"\" \"" + MailboxNames.DELIMITER + "\")) NIL NIL");
        session.ok(tag, "NAMESPACE completed");
    }
}
