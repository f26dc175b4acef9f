package org.icewarp.protocols.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.icewarp.storage.Folder;
import org.icewarp.storage.SpecialUse;

/**
 * LIST (RFC 3501 section 6.3.8, with the LIST-EXTENDED selection and return options of RFC 5258 that apply here:
 * SUBSCRIBED, SPECIAL-USE, CHILDREN) and LSUB (section 6.3.9). Every folder carries {@code \HasChildren} or {@code
 * \HasNoChildren} (RFC 3348) and its special-use attribute (RFC 6154). Names are matched in their modified UTF-7 form;
 * {@code %} does not cross the delimiter, {@code *} does.
 */
final class ListCommand implements ImapProcessor<ListCommand.Request> {

    /**
     * @param reference the reference name
     * @param patterns the mailbox patterns
     * @param subscribedOnly the SUBSCRIBED selection option (or LSUB)
     * @param specialUseOnly the SPECIAL-USE selection option
     * @param returnSubscribed whether {@code \Subscribed} is returned
     * @param status the STATUS items of LIST-STATUS (RFC 5819), empty for none
     */
    record Request(
            String reference,
            List<String> patterns,
            boolean subscribedOnly,
            boolean specialUseOnly,
            boolean returnSubscribed,
            List<String> status) {
        Request {
            patterns = List.copyOf(patterns);
            status = List.copyOf(status);
        }
    }

    private final boolean lsub;

    ListCommand(boolean lsub) {
        this.lsub = lsub;
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        boolean subscribedOnly = lsub;
        boolean specialUseOnly = false;
        boolean returnSubscribed = false;
        List<String> status = new ArrayList<>();
        if (!lsub && arguments.peek() == '(') {
            for (String option : atoms(arguments)) {
                switch (option) {
                    case "SUBSCRIBED" -> {
                        subscribedOnly = true;
                        returnSubscribed = true;
                    }
                    case "SPECIAL-USE" -> specialUseOnly = true;
                    case "REMOTE", "RECURSIVEMATCH" -> {}
                    default -> throw new ImapParseException("unknown selection option " + option);
                }
            }
            arguments.sp();
        }
        String reference = arguments.astring();
        arguments.sp();
        List<String> patterns = new ArrayList<>();
        if (!lsub && arguments.peek() == '(') {
            arguments.expect('(');
            patterns.add(arguments.listMailbox());
            while (arguments.maybeSp()) {
                patterns.add(arguments.listMailbox());
            }
            arguments.expect(')');
        } else {
            patterns.add(arguments.listMailbox());
        }
        if (!lsub && arguments.maybeSp()) {
            if (!arguments.atom().equalsIgnoreCase("RETURN")) {
                throw new ImapParseException("expected RETURN");
            }
            arguments.sp();
            arguments.expect('(');
            while (arguments.peek() != ')') {
                if (arguments.peek() == ' ') {
                    arguments.sp();
                }
                String option = arguments.atom().toUpperCase(Locale.ROOT);
                switch (option) {
                    case "SUBSCRIBED" -> returnSubscribed = true;
                    case "CHILDREN", "SPECIAL-USE" -> {}
                    case "STATUS" -> {
                        arguments.sp();
                        status.addAll(StatusCommand.items(arguments));
                    }
                    default -> throw new ImapParseException("unknown return option " + option);
                }
            }
            arguments.expect(')');
        }
        arguments.end();
        return new Request(reference, patterns, subscribedOnly, specialUseOnly, returnSubscribed, status);
    }

    private static List<String> atoms(ImapReader arguments) {
        arguments.expect('(');
        List<String> out = new ArrayList<>();
        while (arguments.peek() != ')') {
            if (!out.isEmpty()) {
                arguments.sp();
            }
            out.add(arguments.atom().toUpperCase(Locale.ROOT));
        }
        arguments.expect(')');
        return out;
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        String verb = lsub ? "LSUB" : "LIST";
        if (request.patterns().size() == 1 && request.patterns().get(0).isEmpty()) {
            session.untagged(verb + " (\\Noselect) \"" + MailboxNames.DELIMITER + "\" \"\"");
            session.ok(tag, verb + " completed");
            return;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String p : request.patterns()) {
            patterns.add(compile(request.reference() + p));
        }
        var store = session.server().store();
        var account = session.account();
        session.blocking(
                () -> {
                    List<Folder> folders = store.folders(account);
                    java.util.Map<org.icewarp.storage.FolderName, org.icewarp.storage.FolderStatus> statuses =
                            new java.util.HashMap<>();
                    if (!request.status().isEmpty()) {
                        for (Folder f : folders) {
                            if (matches(patterns, MailboxNames.wire(f.name()))) {
                                statuses.put(f.name(), store.status(account, f.name()));
                            }
                        }
                    }
                    return new Listing(folders, statuses);
                },
                (listing, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                        return;
                    }
                    List<Folder> folders = listing.folders();
                    for (Folder folder : folders) {
                        String wire = MailboxNames.wire(folder.name());
                        if (!matches(patterns, wire)
                                || (request.subscribedOnly() && !folder.subscribed())
                                || (request.specialUseOnly()
                                        && folder.specialUse().isEmpty())) {
                            continue;
                        }
                        session.untagged(verb + " (" + attributes(folder, folders, request.returnSubscribed()) + ") \""
                                + MailboxNames.DELIMITER + "\" " + ImapStrings.string(wire));
                        org.icewarp.storage.FolderStatus st = listing.statuses().get(folder.name());
                        if (st != null) {
                            session.untagged("STATUS " + ImapStrings.string(wire) + " ("
                                    + StatusCommand.render(st, request.status()) + ")");
                        }
                    }
                    session.ok(tag, verb + " completed");
                });
    }

    private record Listing(
            List<Folder> folders,
            java.util.Map<org.icewarp.storage.FolderName, org.icewarp.storage.FolderStatus> statuses) {}

    private static boolean matches(List<Pattern> patterns, String wire) {
        for (Pattern p : patterns) {
            if (p.matcher(wire).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String attributes(Folder folder, List<Folder> all, boolean subscribed) {
        List<String> out = new ArrayList<>();
        boolean children = all.stream().anyMatch(f -> f != folder && f.name().isWithin(folder.name()));
        out.add(children ? "\\HasChildren" : "\\HasNoChildren");
        if (subscribed && folder.subscribed()) {
            out.add("\\Subscribed");
        }
        Set<SpecialUse> uses = folder.specialUse();
        for (SpecialUse use : uses) {
            String n = use.name().toLowerCase(Locale.ROOT);
            out.add("\\" + Character.toUpperCase(n.charAt(0)) + n.substring(1));
        }
        return String.join(" ", out);
    }

    /** A LIST pattern as a regular expression; a leading "INBOX" matches in any case (RFC 3501 section 5.1). */
    static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        String rest = pattern;
        if (pattern.length() >= 5 && pattern.substring(0, 5).equalsIgnoreCase("INBOX")) {
            regex.append("INBOX");
            rest = pattern.substring(5);
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '%') {
                regex.append("[^")
                        .append(Pattern.quote(String.valueOf(MailboxNames.DELIMITER)))
                        .append("]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
