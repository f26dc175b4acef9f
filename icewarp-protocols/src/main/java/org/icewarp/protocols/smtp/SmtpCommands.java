package org.icewarp.protocols.smtp;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The verbs, each with its handler and the rules it needs, declared here once (STYLE habit 2) rather than checked in
 * every handler: whether a greeting must come first, whether a transaction must or must not be open, whether the
 * command takes arguments, and whether a submission port needs authentication first.
 */
final class SmtpCommands {

    /** A rule a verb declares. */
    enum Rule {
        /** HELO or EHLO must have been accepted. */
        NEEDS_HELLO,
        /** EHLO (not HELO): the verb is an ESMTP extension. */
        NEEDS_EHLO,
        /** On a submission port the session must be authenticated first (RFC 6409 section 4.3). */
        SUBMISSION_AUTH,
        /** No transaction may be open (AUTH, STARTTLS, MAIL). */
        NO_TRANSACTION,
        /** A transaction must be open (RCPT, DATA, BDAT). */
        NEEDS_TRANSACTION,
        /** The verb takes no arguments. */
        NO_ARGUMENTS
    }

    record Command(String verb, SmtpVerb handler, Set<Rule> rules) {}

    private static final Map<String, Command> COMMANDS = Map.ofEntries(
            command("EHLO", new HelloVerb(true)),
            command("HELO", new HelloVerb(false)),
            command("MAIL", new MailVerb(), Rule.NEEDS_HELLO, Rule.NO_TRANSACTION, Rule.SUBMISSION_AUTH),
            command("RCPT", new RcptVerb(), Rule.NEEDS_HELLO, Rule.NEEDS_TRANSACTION),
            command("DATA", new DataVerb(), Rule.NEEDS_HELLO, Rule.NEEDS_TRANSACTION, Rule.NO_ARGUMENTS),
            command("BDAT", new BdatVerb()),
            command("RSET", new RsetVerb(), Rule.NO_ARGUMENTS),
            command("NOOP", new NoopVerb()),
            command("QUIT", new QuitVerb(), Rule.NO_ARGUMENTS),
            command("VRFY", new VrfyVerb()),
            command("HELP", new HelpVerb()),
            command("STARTTLS", new StartTlsVerb(), Rule.NEEDS_EHLO, Rule.NO_TRANSACTION, Rule.NO_ARGUMENTS),
            command("AUTH", new AuthVerb(), Rule.NEEDS_EHLO, Rule.NO_TRANSACTION));

    private SmtpCommands() {}

    private static Map.Entry<String, Command> command(String verb, SmtpVerb handler, Rule... rules) {
        Set<Rule> set = rules.length == 0 ? EnumSet.noneOf(Rule.class) : EnumSet.of(rules[0], rules);
        // EnumSet keeps the declaration order, which is the order the rules are checked in
        return Map.entry(verb, new Command(verb, handler, Collections.unmodifiableSet(set)));
    }

    /** The command for a verb (case-insensitive), or {@code null}. */
    static Command find(String verb) {
        return COMMANDS.get(verb.toUpperCase(Locale.ROOT));
    }

    /**
     * Checks {@code command}'s rules against the session, answering the first broken one.
     *
     * @return whether the handler may run
     */
    static boolean admit(Command command, SmtpSession session, String argument) {
        SmtpReplies replies = session.replies();
        for (Rule rule : command.rules()) {
            String missing = switch (rule) {
                case NEEDS_HELLO -> session.helloName() == null ? "send HELO or EHLO first" : null;
                case NEEDS_EHLO -> !session.esmtp() ? "send EHLO first" : null;
                case NO_TRANSACTION -> session.transaction() != null ? "transaction in progress" : null;
                case NEEDS_TRANSACTION -> session.transaction() == null ? "send MAIL first" : null;
                case NO_ARGUMENTS -> null;
                case SUBMISSION_AUTH -> null;
            };
            if (missing != null) {
                session.reject(replies.reply(SmtpReplies.Key.BAD_SEQUENCE, missing), SmtpStatistics.Rejection.SEQUENCE);
                return false;
            }
            if (rule == Rule.NO_ARGUMENTS && !argument.isEmpty()) {
                session.reject(
                        replies.reply(SmtpReplies.Key.SYNTAX_ERROR, command.verb() + " takes no arguments"),
                        SmtpStatistics.Rejection.SYNTAX);
                return false;
            }
            if (rule == Rule.SUBMISSION_AUTH && session.submission() && session.user() == null) {
                session.reject(replies.reply(SmtpReplies.Key.AUTH_REQUIRED), SmtpStatistics.Rejection.SEQUENCE);
                return false;
            }
        }
        return true;
    }
}
