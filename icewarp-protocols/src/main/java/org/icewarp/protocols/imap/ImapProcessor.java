package org.icewarp.protocols.imap;

/**
 * One IMAP command: its parser (the arguments after the command name into a request value) and its processor (the
 * request against the session). The state rules and the UID prefix are declared in {@link ImapCommands}, not here.
 *
 * @param <R> the request record
 */
interface ImapProcessor<R> {

    /**
     * Reads the arguments, from just after the command name to the end of the command.
     *
     * @throws ImapParseException when they do not follow the grammar (the session answers BAD)
     */
    R parse(ImapReader arguments);

    /**
     * Runs the request. Answers with {@link ImapSession#complete} (or a variant) exactly once, now or from a
     * continuation of {@link ImapSession#blocking}. Runs on the event loop.
     */
    void process(ImapSession session, String tag, R request);
}
