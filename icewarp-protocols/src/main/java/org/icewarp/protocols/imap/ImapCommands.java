package org.icewarp.protocols.imap;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every command with the states it is allowed in (RFC 3501 section 6, RFC 9051 section 6), declared here once (STYLE
 * habit 2). A command used in another state is answered {@code BAD} before its parser runs.
 */
final class ImapCommands {

    /**
     * A registered command.
     *
     * @param name the command name, {@code UID FETCH} for the UID forms
     * @param processor its parser and processor
     * @param states where it may be used
     * @param holdsExpunges whether EXPUNGE responses must wait until after it (FETCH, STORE, SEARCH)
     */
    record Command<R>(String name, ImapProcessor<R> processor, Set<ImapState> states, boolean holdsExpunges) {
        void run(ImapSession session, String tag, ImapReader reader) {
            R request = processor.parse(reader);
            processor.process(session, tag, request);
        }
    }

    private static final Set<ImapState> ANY =
            EnumSet.of(ImapState.NOT_AUTHENTICATED, ImapState.AUTHENTICATED, ImapState.SELECTED);
    private static final Set<ImapState> NOT_AUTHENTICATED = EnumSet.of(ImapState.NOT_AUTHENTICATED);
    private static final Set<ImapState> AUTHENTICATED = EnumSet.of(ImapState.AUTHENTICATED, ImapState.SELECTED);
    private static final Set<ImapState> SELECTED = EnumSet.of(ImapState.SELECTED);

    private static final Map<String, Command<?>> COMMANDS = new HashMap<>();

    static {
        add("CAPABILITY", new CapabilityCommand(), ANY);
        add("NOOP", new NoopCommand(), ANY);
        add("LOGOUT", new LogoutCommand(), ANY);
        add("ID", new IdCommand(), ANY);
        add("STARTTLS", new StartTlsCommand(), NOT_AUTHENTICATED);
        add("LOGIN", new LoginCommand(), NOT_AUTHENTICATED);
        add("AUTHENTICATE", new AuthenticateCommand(), NOT_AUTHENTICATED);
        add("ENABLE", new EnableCommand(), AUTHENTICATED);
        add("SELECT", new SelectCommand(false), AUTHENTICATED);
        add("EXAMINE", new SelectCommand(true), AUTHENTICATED);
        add("CREATE", new CreateCommand(), AUTHENTICATED);
        add("DELETE", new DeleteCommand(), AUTHENTICATED);
        add("RENAME", new RenameCommand(), AUTHENTICATED);
        add("SUBSCRIBE", new SubscribeCommand(true), AUTHENTICATED);
        add("UNSUBSCRIBE", new SubscribeCommand(false), AUTHENTICATED);
        add("LIST", new ListCommand(false), AUTHENTICATED);
        add("LSUB", new ListCommand(true), AUTHENTICATED);
        add("NAMESPACE", new NamespaceCommand(), AUTHENTICATED);
        add("STATUS", new StatusCommand(), AUTHENTICATED);
        add("APPEND", new AppendCommand(), AUTHENTICATED);
        add("IDLE", new IdleCommand(), AUTHENTICATED);
        add("GETQUOTA", new QuotaCommand(QuotaCommand.Kind.GET_QUOTA), AUTHENTICATED);
        add("GETQUOTAROOT", new QuotaCommand(QuotaCommand.Kind.GET_QUOTA_ROOT), AUTHENTICATED);
        add("SETQUOTA", new QuotaCommand(QuotaCommand.Kind.SET_QUOTA), AUTHENTICATED);
        add("CHECK", new NoopCommand(), SELECTED);
        add("CLOSE", new CloseCommand(true), SELECTED);
        add("UNSELECT", new CloseCommand(false), SELECTED);
        add("EXPUNGE", new ExpungeCommand(false), SELECTED);
        add("UID EXPUNGE", new ExpungeCommand(true), SELECTED);
        addHolding("STORE", new StoreCommand(false), SELECTED);
        add("UID STORE", new StoreCommand(true), SELECTED);
        add("COPY", new CopyCommand(false, false), SELECTED);
        add("UID COPY", new CopyCommand(true, false), SELECTED);
        add("MOVE", new CopyCommand(false, true), SELECTED);
        add("UID MOVE", new CopyCommand(true, true), SELECTED);
        addHolding("FETCH", new FetchCommand(false), SELECTED);
        add("UID FETCH", new FetchCommand(true), SELECTED);
        addHolding("SEARCH", new SearchCommand(false), SELECTED);
        add("UID SEARCH", new SearchCommand(true), SELECTED);
    }

    private ImapCommands() {}

    private static <R> void add(String name, ImapProcessor<R> processor, Set<ImapState> states) {
        COMMANDS.put(name, new Command<>(name, processor, states, false));
    }

    private static <R> void addHolding(String name, ImapProcessor<R> processor, Set<ImapState> states) {
        COMMANDS.put(name, new Command<>(name, processor, states, true));
    }

    /** The command with this (upper-case) name, or {@code null}. */
    static Command<?> find(String name) {
        return COMMANDS.get(name);
    }
}
