package org.icewarp.protocols.imap;

/** CAPABILITY (RFC 3501 section 6.1.1): the capabilities of the current state. */
final class CapabilityCommand implements ImapProcessor<CapabilityCommand.Request> {
    /** CAPABILITY takes no arguments. */
    record Request() {}

    @Override
    public Request parse(ImapReader arguments) {
        arguments.end();
        return new Request();
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        session.untagged("CAPABILITY " + session.capabilities());
        session.ok(tag, "CAPABILITY completed");
    }
}
