package org.icewarp.protocols.pop3;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.NotFoundException;

/**
 * Sends one message (RETR) or its top (TOP) from the store without holding it in memory: the stream is opened and read
 * in {@value #CHUNK}-byte chunks on the blocking executor, each chunk stuffed there ({@link DotStuffer}) and written on
 * the event loop; the next chunk is read only once the channel is writable again (back-pressure from a slow client).
 * Reading of further commands stays paused until the terminating {@code .} is written.
 *
 * <p>A message expunged meanwhile (by IMAP) answers {@code -ERR} before anything is sent; a storage failure after the
 * {@code +OK} closes the connection, since the client must not take a cut message as complete.
 */
final class MessageTransfer {
    static final int CHUNK = 64 * 1024;

    private final Pop3Session session;
    private final int number;
    private final DotStuffer stuffer;
    private final boolean top;
    /** Set by the read of the last chunk (blocking executor), read on the event loop after the hand-over. */
    private volatile boolean last;

    private InputStream in;
    private long sent;

    private MessageTransfer(Pop3Session session, int number, long bodyLines) {
        this.session = session;
        this.number = number;
        this.stuffer = new DotStuffer(bodyLines);
        this.top = bodyLines >= 0;
    }

    /**
     * Starts sending message {@code number}.
     *
     * @param bodyLines body lines for TOP, {@code -1} for RETR
     */
    static void start(Pop3Session session, int number, long bodyLines) {
        new MessageTransfer(session, number, bodyLines).open();
    }

    private void open() {
        Maildrop drop = session.maildrop();
        long uid = drop.uid(number);
        session.blocking(
                () -> {
                    InputStream stream =
                            session.server().context.mailboxes().open(drop.account(), FolderName.INBOX, uid);
                    try {
                        return new Chunk(stream, read(stream));
                    } catch (IOException | RuntimeException e) {
                        stream.close();
                        throw e;
                    }
                },
                (chunk, failure) -> {
                    if (failure != null) {
                        boolean gone = failure instanceof NotFoundException;
                        if (!gone) {
                            session.server()
                                    .context
                                    .log()
                                    .summary(
                                            "{} {} reading message {} failed: {}",
                                            session.id(),
                                            session.remote(),
                                            uid,
                                            failure.toString());
                        }
                        session.reply(session.replies()
                                .reply(gone ? Pop3Replies.Key.NO_SUCH_MESSAGE : Pop3Replies.Key.LOCAL_ERROR));
                        return;
                    }
                    in = chunk.stream();
                    session.transferStream(in);
                    Pop3Reply status = top
                            ? session.replies().reply(Pop3Replies.Key.TOP_FOLLOWS)
                            : session.replies()
                                    .reply(Pop3Replies.Key.MESSAGE_FOLLOWS, Long.toString(drop.octets(number)));
                    session.reply(status);
                    written(chunk.bytes());
                });
    }

    /** Reads and stuffs the next chunk; the last one carries the terminator. Runs on the blocking executor. */
    private byte[] read(InputStream stream) throws IOException {
        byte[] buffer = new byte[CHUNK];
        ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK + CHUNK / 8);
        int n = stuffer.done() ? -1 : stream.readNBytes(buffer, 0, CHUNK);
        if (n > 0) {
            stuffer.transform(buffer, n, out);
        }
        if (n < CHUNK || stuffer.done()) {
            stuffer.finish(out);
            last = true;
        }
        return out.toByteArray();
    }

    private void written(byte[] bytes) {
        sent += bytes.length;
        session.write(Unpooled.wrappedBuffer(bytes));
        if (last) {
            close();
            session.server().statistics.bytesSent.add(sent);
            session.server().statistics.retrieved.increment();
            session.retrieved();
            return;
        }
        session.whenWritable(this::next);
    }

    private void next() {
        session.blocking(() -> read(in), (bytes, failure) -> {
            if (failure != null) {
                session.server()
                        .context
                        .log()
                        .summary(
                                "{} {} reading message {} failed mid-transfer: {}",
                                session.id(),
                                session.remote(),
                                session.maildrop().uid(number),
                                failure.toString());
                close();
                session.abort();
                return;
            }
            written(bytes);
        });
    }

    private void close() {
        session.transferStream(null);
        try {
            in.close();
        } catch (IOException e) {
            session.server()
                    .context
                    .log()
                    .debug("{} {} closing a message stream failed: {}", session.id(), session.remote(), e.toString());
        }
    }

    private record Chunk(InputStream stream, byte[] bytes) {}
}
