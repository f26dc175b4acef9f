package org.icewarp.protocols.smtp;

/**
 * The handler of one SMTP verb. It runs on the session's event loop after {@link SmtpCommands} has checked the rules the
 * verb declares, answers with {@link SmtpSession#reply} and either returns (the session then decodes the next command)
 * or hands blocking work to {@link SmtpSession#blocking}, which resumes the session when its continuation has answered.
 */
interface SmtpVerb {
    /**
     * @param session the session
     * @param argument the text after the verb and one space, {@code ""} when there is none
     */
    void handle(SmtpSession session, String argument);
}
