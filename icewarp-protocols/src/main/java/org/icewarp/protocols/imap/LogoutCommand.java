package org.icewarp.protocols.imap;

/** LOGOUT (RFC 3501 section 6.1.3): BYE, the tagged OK, and the close. */
final class LogoutCommand implements ImapProcessor<LogoutCommand.Request> {
    /** No arguments. */
    record Request() {}

    @Override
    public Request parse(ImapReader arguments) {
        arguments.end();
        return new Request();
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        session.logout(tag);
    }
}
