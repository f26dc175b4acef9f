package org.icewarp.protocols.imap;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.UidSet;

/**
 * SEARCH and UID SEARCH (RFC 3501 section 6.4.4) with the criteria of {@link SearchKey}. The charset may be US-ASCII or
 * UTF-8 ({@code NO [BADCHARSET]} otherwise). Messages are read only when a criterion needs their content, one at a
 * time.
 */
final class SearchCommand implements ImapProcessor<SearchCommand.Request> {
    /** @param key the criteria, all of which must match */
    record Request(String charset, SearchKey key) {}

    private final boolean uid;

    SearchCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        String charset = null;
        int mark = arguments.mark();
        if (arguments.peek() == 'C' || arguments.peek() == 'c') {
            String word = arguments.atom();
            if (word.equalsIgnoreCase("CHARSET")) {
                arguments.sp();
                charset = arguments.astring().toUpperCase(Locale.ROOT);
                arguments.sp();
            } else {
                arguments.reset(mark);
            }
        }
        SearchKey key = SearchKey.parseAll(arguments);
        arguments.end();
        return new Request(charset, key);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        String verb = uid ? "UID SEARCH" : "SEARCH";
        if (request.charset() != null
                && !request.charset().equals("US-ASCII")
                && !request.charset().equals("UTF-8")) {
            session.no(tag, "[BADCHARSET (US-ASCII UTF-8)] Unsupported charset");
            return;
        }
        SelectedMailbox mailbox = session.selected();
        List<Long> uids = new ArrayList<>(mailbox.uids());
        SearchKey key = SearchKey.resolve(request.key(), uids);
        if (uids.isEmpty()) {
            session.untagged("SEARCH");
            session.ok(tag, verb + " completed");
            return;
        }
        MailboxStore store = session.server().store();
        EmailAddress account = session.account();
        java.util.Set<Long> recent = new java.util.HashSet<>();
        for (long u : uids) {
            if (mailbox.isRecent(u)) {
                recent.add(u);
            }
        }
        boolean content = key.needsContent();
        session.blocking(
                () -> {
                    List<Long> found = new ArrayList<>();
                    for (MessageMetadata m : store.messages(account, mailbox.folder, UidSet.of(uids))) {
                        MimePart mime = null;
                        if (content) {
                            try (InputStream in = store.open(account, mailbox.folder, m.uid())) {
                                mime = MimePart.parse(in.readAllBytes());
                            } catch (NotFoundException e) {
                                continue;
                            }
                        }
                        MimePart parsed = mime;
                        SearchKey.Message message = new SearchKey.Message() {
                            @Override
                            public long uid() {
                                return m.uid();
                            }

                            @Override
                            public MessageMetadata metadata() {
                                return m;
                            }

                            @Override
                            public boolean recent() {
                                return recent.contains(m.uid());
                            }

                            @Override
                            public MimePart mime() {
                                return parsed;
                            }
                        };
                        if (key.test(message)) {
                            found.add(m.uid());
                        }
                    }
                    return found;
                },
                (found, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                        return;
                    }
                    StringBuilder line = new StringBuilder("SEARCH");
                    for (long u : found) {
                        long n = uid ? u : mailbox.sequence(u);
                        if (n > 0) {
                            line.append(' ').append(n);
                        }
                    }
                    session.untagged(line.toString());
                    session.ok(tag, verb + " completed");
                });
    }
}
