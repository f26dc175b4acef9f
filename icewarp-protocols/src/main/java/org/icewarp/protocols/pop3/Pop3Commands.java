package org.icewarp.protocols.pop3;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.icewarp.protocols.pop3.Pop3Session.State;

/**
 * The commands, each with its handler and its rules declared here once (STYLE habit 2): the states it is allowed in
 * (RFC 1939 sections 4–6, RFC 2449, 2595, 5034) and how many arguments it takes. A raw command (PASS) takes the whole
 * rest of the line as one argument, so passwords may contain spaces.
 */
final class Pop3Commands {

    record Command(
            String name, Pop3Verb handler, Set<State> states, int minArgs, int maxArgs, boolean raw, String syntax) {}

    private static final Set<State> AUTHORIZATION = EnumSet.of(State.AUTHORIZATION);
    private static final Set<State> TRANSACTION = EnumSet.of(State.TRANSACTION);
    private static final Set<State> BOTH = EnumSet.of(State.AUTHORIZATION, State.TRANSACTION);

    private static final Map<String, Command> COMMANDS = Map.ofEntries(
            command("CAPA", new CapaVerb(), BOTH, 0, 0, "CAPA"),
            command("QUIT", new QuitVerb(), BOTH, 0, 0, "QUIT"),
            command("USER", new UserVerb(), AUTHORIZATION, 1, 1, "USER name"),
            raw("PASS", new PassVerb(), AUTHORIZATION, "PASS password"),
            command("APOP", new ApopVerb(), AUTHORIZATION, 2, 2, "APOP name digest"),
            command("AUTH", new AuthVerb(), AUTHORIZATION, 0, 2, "AUTH mechanism [initial-response]"),
            command("STLS", new StlsVerb(), AUTHORIZATION, 0, 0, "STLS"),
            command("STAT", new StatVerb(), TRANSACTION, 0, 0, "STAT"),
            command("LIST", new ListVerb(false), TRANSACTION, 0, 1, "LIST [msg]"),
            command("UIDL", new ListVerb(true), TRANSACTION, 0, 1, "UIDL [msg]"),
            command("RETR", new RetrVerb(false), TRANSACTION, 1, 1, "RETR msg"),
            command("TOP", new RetrVerb(true), TRANSACTION, 2, 2, "TOP msg n"),
            command("DELE", new DeleVerb(), TRANSACTION, 1, 1, "DELE msg"),
            command("NOOP", new NoopVerb(), TRANSACTION, 0, 0, "NOOP"),
            command("RSET", new RsetVerb(), TRANSACTION, 0, 0, "RSET"));

    private Pop3Commands() {}

    private static Map.Entry<String, Command> command(
            String name, Pop3Verb handler, Set<State> states, int min, int max, String syntax) {
        return Map.entry(name, new Command(name, handler, states, min, max, false, syntax));
    }

    private static Map.Entry<String, Command> raw(String name, Pop3Verb handler, Set<State> states, String syntax) {
        return Map.entry(name, new Command(name, handler, states, 1, 1, true, syntax));
    }

    /** The command for a name (case-insensitive, RFC 1939 section 3), or {@code null}. */
    static Command find(String name) {
        return COMMANDS.get(name.toUpperCase(Locale.ROOT));
    }

    /** Parses one command line, checks its rules and runs its handler, or answers the first broken rule. */
    static void dispatch(Pop3Session session, String line) {
        Pop3Replies replies = session.replies();
        int space = line.indexOf(' ');
        String name = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space + 1);
        Command command = find(name);
        if (line.length() > session.server().settings.maxLineLength()
                && (command == null || !command.name().equals("AUTH"))) {
            session.reply(replies.reply(Pop3Replies.Key.LINE_TOO_LONG));
            return;
        }
        if (command == null) {
            session.reply(replies.reply(Pop3Replies.Key.UNKNOWN_COMMAND));
            return;
        }
        if (!command.states().contains(session.state())) {
            String why = session.state() == State.AUTHORIZATION
                    ? command.name() + " needs a login first"
                    : command.name() + " is not allowed after login";
            session.reply(replies.reply(Pop3Replies.Key.BAD_STATE, why));
            return;
        }
        List<String> args;
        if (command.raw()) {
            if (argument.isEmpty()) {
                session.reply(replies.reply(Pop3Replies.Key.SYNTAX, command.syntax()));
                return;
            }
            args = List.of();
        } else {
            args = argument.isEmpty() ? List.of() : Arrays.asList(argument.split(" ", -1));
            if (args.size() < command.minArgs()
                    || args.size() > command.maxArgs()
                    || args.stream().anyMatch(String::isEmpty)) {
                session.reply(replies.reply(Pop3Replies.Key.SYNTAX, command.syntax()));
                return;
            }
        }
        command.handler().handle(session, argument, args);
    }

    /**
     * A message number argument (RFC 1939: a decimal number from 1); {@code -1} when malformed, out of range or marked
     * deleted, after answering the error.
     */
    static int message(Pop3Session session, String arg) {
        Maildrop drop = session.maildrop();
        int n = number(arg);
        if (n < 1 || n > drop.size()) {
            session.reply(session.replies().reply(Pop3Replies.Key.NO_SUCH_MESSAGE));
            return -1;
        }
        if (drop.isDeleted(n)) {
            session.reply(session.replies().reply(Pop3Replies.Key.ALREADY_DELETED, Integer.toString(n)));
            return -1;
        }
        return n;
    }

    /** A non-negative decimal number of at most 9 digits; {@code -1} otherwise. */
    static int number(String arg) {
        if (arg.isEmpty() || arg.length() > 9) {
            return -1;
        }
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Integer.parseInt(arg);
    }
}
