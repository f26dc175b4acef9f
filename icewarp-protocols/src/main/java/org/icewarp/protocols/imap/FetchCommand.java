package org.icewarp.protocols.imap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.UidSet;

/**
 * FETCH and UID FETCH (RFC 3501 section 6.4.5): FLAGS, INTERNALDATE, RFC822.SIZE, UID, and the body sections {@code []},
 * {@code [HEADER]}, {@code [TEXT]} whole or partial ({@code <o.n>}), with RFC822, RFC822.HEADER and RFC822.TEXT, and
 * the macros FAST (ALL and FULL need ENVELOPE, which needs a MIME parser and is not done yet). A body fetch without
 * PEEK sets {@code \Seen} in a read-write mailbox and reports the new FLAGS. Messages expunged by another session
 * meanwhile are left out.
 */
final class FetchCommand implements ImapProcessor<FetchCommand.Request> {
    /** @param set the messages; @param items what to return for each */
    record Request(SequenceSet set, List<FetchItem> items) {
        Request {
            items = List.copyOf(items);
        }
    }

    private final boolean uid;

    FetchCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        SequenceSet set = arguments.sequenceSet();
        arguments.sp();
        List<FetchItem> items = new ArrayList<>();
        if (arguments.peek() == '(') {
            arguments.expect('(');
            items.add(FetchItem.parse(arguments));
            while (arguments.maybeSp()) {
                items.add(FetchItem.parse(arguments));
            }
            arguments.expect(')');
        } else if (macro(arguments, items)) {
            // items added by the macro
        } else {
            items.add(FetchItem.parse(arguments));
        }
        arguments.end();
        if (uid && items.stream().noneMatch(i -> i instanceof FetchItem.Uid)) {
            items.add(0, new FetchItem.Uid());
        }
        return new Request(set, items);
    }

    /** Reads the macros ALL, FAST and FULL (RFC 3501 section 6.4.5) if one is next. */
    private static boolean macro(ImapReader arguments, List<FetchItem> items) {
        int mark = arguments.mark();
        if (arguments.peek() > 0 && ImapReader.isAtomChar((byte) arguments.peek())) {
            String word = arguments.atom().toUpperCase(Locale.ROOT);
            if (word.equals("FAST") || word.equals("ALL") || word.equals("FULL")) {
                items.add(new FetchItem.FlagsItem());
                items.add(new FetchItem.InternalDate());
                items.add(new FetchItem.Size());
                if (!word.equals("FAST")) {
                    items.add(new FetchItem.EnvelopeItem());
                }
                if (word.equals("FULL")) {
                    items.add(new FetchItem.Structure(false));
                }
                return true;
            }
        }
        arguments.reset(mark);
        return false;
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        SelectedMailbox mailbox = session.selected();
        String verb = uid ? "UID FETCH" : "FETCH";
        List<Long> chosen = request.set().resolve(uid, mailbox.uids());
        if (chosen.isEmpty()) {
            session.ok(tag, verb + " completed");
            return;
        }
        MailboxStore store = session.server().store();
        EmailAddress account = session.account();
        boolean setsSeen =
                !mailbox.readOnly && request.items().stream().anyMatch(i -> i instanceof FetchItem.Body b && !b.peek());
        boolean needsContent = request.items().stream()
                .anyMatch(i -> i instanceof FetchItem.Body
                        || i instanceof FetchItem.EnvelopeItem
                        || i instanceof FetchItem.Structure);
        boolean askedFlags = request.items().stream().anyMatch(i -> i instanceof FetchItem.FlagsItem);
        session.blocking(
                () -> {
                    List<MessageMetadata> messages = store.messages(account, mailbox.folder, UidSet.of(chosen));
                    Map<Long, Flags> newFlags = new HashMap<>();
                    if (setsSeen) {
                        List<Long> unseen = messages.stream()
                                .filter(m -> !m.flags().has(Flag.SEEN))
                                .map(MessageMetadata::uid)
                                .toList();
                        if (!unseen.isEmpty()) {
                            for (MessageMetadata m : store.updateFlags(
                                    account,
                                    mailbox.folder,
                                    UidSet.of(unseen),
                                    new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.SEEN)))) {
                                newFlags.put(m.uid(), m.flags());
                            }
                        }
                    }
                    List<Response> out = new ArrayList<>();
                    long batched = 0;
                    for (MessageMetadata m : messages) {
                        if (batched > BATCH_BYTES) {
                            // hand what is rendered to the event loop, and wait while the client is slow to read
                            List<Response> batch = out;
                            session.context().executor().execute(() -> emit(session, mailbox, batch, askedFlags));
                            out = new ArrayList<>();
                            batched = 0;
                            io.netty.channel.Channel channel = session.context().channel();
                            while (channel.isActive() && !channel.isWritable()) {
                                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                            }
                            if (!channel.isActive()) {
                                return List.<Response>of();
                            }
                        }
                        byte[] content = null;
                        if (needsContent) {
                            try (InputStream in = store.open(account, mailbox.folder, m.uid())) {
                                content = in.readAllBytes();
                            } catch (NotFoundException e) {
                                continue; // expunged meanwhile
                            }
                        }
                        Flags flags = newFlags.getOrDefault(m.uid(), m.flags());
                        byte[] body = render(request.items(), m, flags, content, mailbox.isRecent(m.uid()));
                        batched += body.length;
                        out.add(new Response(m.uid(), flags, newFlags.containsKey(m.uid()), body));
                    }
                    return out;
                },
                (responses, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                        return;
                    }
                    emit(session, mailbox, responses, askedFlags);
                    session.ok(tag, verb + " completed");
                });
    }

    /** Rendered responses are handed to the event loop in batches of about this many octets. */
    private static final long BATCH_BYTES = 256 * 1024;

    /** One message's answer, rendered on the blocking thread, numbered on the event loop. */
    private record Response(long uid, Flags flags, boolean flagsChanged, byte[] body) {}

    /** Writes rendered responses, on the event loop (the view does not change while the FETCH is pending). */
    private static void emit(
            ImapSession session, SelectedMailbox mailbox, List<Response> responses, boolean askedFlags) {
        for (Response r : responses) {
            int seq = mailbox.sequence(r.uid());
            if (seq == 0) {
                continue;
            }
            ByteBuf buf = Unpooled.buffer(r.body().length + 64);
            buf.writeCharSequence("* " + seq + " FETCH (", StandardCharsets.US_ASCII);
            buf.writeBytes(r.body());
            if (r.flagsChanged()) {
                mailbox.told(r.uid(), r.flags());
                if (!askedFlags) {
                    buf.writeCharSequence(
                            " FLAGS " + ImapStrings.flags(r.flags(), mailbox.isRecent(r.uid())),
                            StandardCharsets.US_ASCII);
                }
            }
            buf.writeCharSequence(")\r\n", StandardCharsets.US_ASCII);
            session.write(buf);
        }
        session.context().flush();
    }

    private static final java.time.format.DateTimeFormatter INTERNAL_DATE =
            java.time.format.DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private static byte[] render(
            List<FetchItem> items, MessageMetadata m, Flags flags, byte[] content, boolean recent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MimePart mime = content == null ? null : MimePart.parse(content);
        for (FetchItem item : items) {
            if (out.size() > 0) {
                out.write(' ');
            }
            if (item instanceof FetchItem.FlagsItem) {
                ascii(out, "FLAGS " + ImapStrings.flags(flags, recent));
            } else if (item instanceof FetchItem.Uid) {
                ascii(out, "UID " + m.uid());
            } else if (item instanceof FetchItem.Size) {
                ascii(out, "RFC822.SIZE " + m.size());
            } else if (item instanceof FetchItem.InternalDate) {
                ascii(
                        out,
                        "INTERNALDATE \""
                                + INTERNAL_DATE.format(m.internalDate().atZone(ZoneOffset.UTC)) + "\"");
            } else if (item instanceof FetchItem.EnvelopeItem) {
                utf8(out, "ENVELOPE " + Envelope.render(mime));
            } else if (item instanceof FetchItem.Structure s) {
                utf8(out, (s.extensible() ? "BODYSTRUCTURE " : "BODY ") + BodyStructure.render(mime, s.extensible()));
            } else if (item instanceof FetchItem.Body body) {
                byte[] section = Sections.bytes(mime, body);
                int from = 0;
                int to = section.length;
                String name = body.responseName();
                if (body.offset() >= 0) {
                    from = (int) Math.min(body.offset(), section.length);
                    to = (int) Math.min((long) from + body.length(), section.length);
                    name = name + "<" + body.offset() + ">";
                }
                ascii(out, name + " {" + (to - from) + "}\r\n");
                out.write(section, from, to - from);
            }
        }
        return out.toByteArray();
    }

    /** Where the body starts (see {@link MimePart#headerEnd}). */
    static int headerEnd(byte[] c) {
        return MimePart.headerEnd(c, 0, c.length);
    }

    private static void utf8(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
