package org.icewarp.protocols.pop3;

import java.util.List;

/**
 * The handler of one POP3 command. It runs on the session's event loop after {@link Pop3Commands} has checked the
 * state and the argument count the command declares, answers with {@link Pop3Session#reply} and either returns (the
 * session then decodes the next command) or hands blocking work to {@link Pop3Session#blocking}.
 */
interface Pop3Verb {
    /**
     * @param session the session
     * @param argument the text after the command name and one space, {@code ""} when there is none
     * @param args {@code argument} split at single spaces (empty for a command declared raw)
     */
    void handle(Pop3Session session, String argument, List<String> args);
}
