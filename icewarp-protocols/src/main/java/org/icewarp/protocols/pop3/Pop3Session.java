package org.icewarp.protocols.pop3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.icewarp.core.log.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One POP3 connection's state machine (RFC 1939 section 3: AUTHORIZATION, TRANSACTION, UPDATE). Runs on the channel's
 * event loop; each command is answered before the next is decoded ({@link Pop3Decoder} pauses after every line). Work
 * that may block (storage, authentication) runs on the kernel's executor through {@link #blocking} or {@link #await},
 * with reading paused until its continuation has answered on the loop; a message transfer ({@link MessageTransfer})
 * also waits for the channel to become writable between chunks.
 *
 * <p>Limits enforced here: {@code -ERR} replies ({@code max-errors}), failed logins ({@code max-auth-failures}) and the
 * idle timeout (RFC 1939 section 3: an autologout timer of at least 10 minutes by default). The maildrop lock is
 * released when the channel closes, whatever the reason; deletions are applied only by QUIT ({@link QuitVerb}).
 */
final class Pop3Session extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Pop3Session.class);

    /** RFC 1939 section 3. */
    enum State {
        AUTHORIZATION,
        TRANSACTION,
        UPDATE
    }

    private final Pop3Server server;
    private final Pop3Decoder decoder;
    private final String id;

    private ChannelHandlerContext ctx;
    private InetSocketAddress remote;
    private State state = State.AUTHORIZATION;
    private String apopTimestamp;
    private String userName;
    private Maildrop maildrop;
    private org.icewarp.storage.EmailAddress lockedAccount;
    private java.io.Closeable transferStream;
    private AuthVerb.Exchange auth;
    private int retrieved;

    private boolean pending;
    private Runnable onWritable;
    private boolean closing;
    private int errors;
    private int authFailures;
    private long lastActivity;
    private ScheduledFuture<?> timer;

    Pop3Session(Pop3Server server, Pop3Decoder decoder, String id) {
        this.server = server;
        this.decoder = decoder;
        this.id = id;
    }

    // ---- what verbs use

    Pop3Server server() {
        return server;
    }

    Pop3Replies replies() {
        return server.replies;
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    String id() {
        return id;
    }

    InetSocketAddress remote() {
        return remote;
    }

    State state() {
        return state;
    }

    boolean tls() {
        return server.context.tls().isActive(ctx.channel());
    }

    /** The timestamp of the APOP greeting ({@code <...@host>}), or {@code null} when APOP is not offered. */
    String apopTimestamp() {
        return apopTimestamp;
    }

    /** The name given by USER, or {@code null}. */
    String userName() {
        return userName;
    }

    void userName(String name) {
        this.userName = name;
    }

    Maildrop maildrop() {
        return maildrop;
    }

    AuthVerb.Exchange authExchange() {
        return auth;
    }

    void authExchange(AuthVerb.Exchange exchange) {
        this.auth = exchange;
    }

    /** Counts a retrieved message for the logout line. */
    void retrieved() {
        retrieved++;
    }

    /**
     * Takes the maildrop lock of {@code account} for this session (released when the session ends).
     *
     * @return false when another session holds it
     */
    boolean lock(org.icewarp.storage.EmailAddress account) {
        if (!MaildropLocks.tryLock(server.context.mailboxes(), account)) {
            return false;
        }
        lockedAccount = account;
        return true;
    }

    /** The stream of the message being sent, closed if the connection drops mid-transfer; {@code null} when done. */
    void transferStream(java.io.Closeable stream) {
        this.transferStream = stream;
    }

    /** Enters TRANSACTION with a maildrop locked by {@link #lock}. */
    void enterTransaction(Maildrop drop) {
        this.maildrop = drop;
        this.state = State.TRANSACTION;
        this.userName = null;
    }

    /** QUIT in TRANSACTION. */
    void enterUpdate() {
        this.state = State.UPDATE;
    }

    /** Forgets what was learnt in the clear (after STLS, RFC 2595 section 4). */
    void forgetUser() {
        this.userName = null;
    }

    /** Counts a failed login; at the limit the session ends (after {@code reply}). */
    void authFailed(Pop3Reply reply) {
        server.statistics.authFailures.increment();
        if (++authFailures >= server.settings.maxAuthFailures()) {
            server.context.log().summary("{} {} too many failed logins; closing", id, remote);
            close(reply);
        } else {
            reply(reply);
        }
    }

    /** Writes a status line (flushed when the input is drained or the continuation ends) and counts errors. */
    void reply(Pop3Reply reply) {
        if (closing) {
            return;
        }
        if (server.context.log().isEnabled(LogLevel.DEBUG)) {
            server.context.log().debug("{} {} > {}", id, remote, reply);
        }
        ctx.write(Unpooled.wrappedBuffer(reply.encode()));
        if (!reply.ok()) {
            server.statistics.errors.increment();
            if (++errors > server.settings.maxErrors()) {
                close(replies().reply(Pop3Replies.Key.TOO_MANY_ERRORS));
            }
        }
    }

    /** Writes the lines of a multi-line response after its status line, and the terminating {@code .}. */
    void multiLine(Pop3Reply status, Iterable<String> lines) {
        reply(status);
        if (closing) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            // every line here is generated (numbers, capability names); none starts with "."
            sb.append(line).append("\r\n");
        }
        sb.append(".\r\n");
        ctx.write(Unpooled.copiedBuffer(sb, java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Writes raw bytes (message content); the caller releases nothing. */
    void write(ByteBuf bytes) {
        if (closing) {
            bytes.release();
            return;
        }
        touch();
        ctx.writeAndFlush(bytes);
    }

    /** Writes a final status line, flushes, and closes the connection. */
    void close(Pop3Reply reply) {
        if (closing) {
            return;
        }
        if (server.context.log().isEnabled(LogLevel.DEBUG)) {
            server.context.log().debug("{} {} > {}", id, remote, reply);
        }
        closing = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.encode())).addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes without a word (a transfer that failed after its {@code +OK}: the client must not take it as complete). */
    void abort() {
        closing = true;
        ctx.close();
    }

    boolean closing() {
        return closing;
    }

    /**
     * Runs {@code work} on the kernel's executor and {@code then} on the event loop with its result or failure; reading
     * pauses until {@code then} has run. A full executor answers {@code -ERR [SYS/TEMP]} and closes.
     */
    <T> void blocking(Callable<T> work, BiConsumer<T, Throwable> then) {
        startPending();
        try {
            server.context.blockingExecutor().execute(() -> {
                T value = null;
                Throwable failure = null;
                try {
                    value = work.call();
                } catch (Throwable t) {
                    failure = t;
                }
                T v = value;
                Throwable f = failure;
                ctx.executor().execute(() -> finishPending(then, v, f));
            });
        } catch (RejectedExecutionException e) {
            pending = false;
            server.context.log().summary("{} {} executor full; closing", id, remote);
            close(replies().reply(Pop3Replies.Key.BUSY));
        }
    }

    /** Waits for {@code stage} the same way (authentication). */
    <T> void await(CompletionStage<T> stage, BiConsumer<T, Throwable> then) {
        startPending();
        stage.whenComplete((value, failure) -> ctx.executor().execute(() -> finishPending(then, value, failure)));
    }

    /** Runs {@code next} on the event loop once the channel is writable again; reading stays paused meanwhile. */
    void whenWritable(Runnable next) {
        startPending();
        if (ctx.channel().isWritable()) {
            ctx.executor().execute(() -> finishPending((v, f) -> next.run(), null, null));
        } else {
            onWritable = next;
        }
    }

    private void startPending() {
        pending = true;
        updateAutoRead();
    }

    private <T> void finishPending(BiConsumer<T, Throwable> then, T value, Throwable failure) {
        pending = false;
        if (!ctx.channel().isActive()) {
            // what the continuation would have held (lock, stream) is released by channelInactive
            return;
        }
        MDC.put("session", id);
        try {
            then.accept(value, failure);
        } catch (RuntimeException e) {
            LOG.error("POP3 continuation failed in session {}", id, e);
            close(replies().reply(Pop3Replies.Key.LOCAL_ERROR));
        } finally {
            MDC.remove("session");
        }
        touch();
        if (!pending) {
            next();
        }
        ctx.flush();
    }

    private void next() {
        if (closing) {
            return;
        }
        updateAutoRead();
        decoder.resume();
    }

    private void updateAutoRead() {
        boolean read = !pending && !closing;
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    // ---- channel events

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = (InetSocketAddress) ctx.channel().remoteAddress();
        server.statistics.sessions.increment();
        touch();
        server.context.log().debug("{} {} connected", id, remote);
        Pop3Reply greeting = replies().reply(Pop3Replies.Key.GREETING);
        if (server.apopOffered()) {
            // RFC 1939 section 7: a timestamp unique to this greeting
            apopTimestamp = "<" + id + "." + System.nanoTime() + "@" + server.settings.hostName() + ">";
            greeting = new Pop3Reply(true, "", greeting.text() + " " + apopTimestamp);
        }
        reply(greeting);
        ctx.flush();
        scheduleTimeout();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        touch();
        MDC.put("session", id);
        try {
            if (closing) {
                return;
            }
            if (msg instanceof Pop3Input.Line line) {
                line(line.text());
            } else if (msg instanceof Pop3Input.LineTooLong) {
                reply(replies().reply(Pop3Replies.Key.LINE_TOO_LONG));
                next();
            }
        } finally {
            MDC.remove("session");
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && onWritable != null) {
            Runnable next = onWritable;
            onWritable = null;
            finishPending((v, f) -> next.run(), null, null);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        if (auth != null) {
            auth.cancel();
            auth = null;
        }
        onWritable = null;
        if (transferStream != null) {
            try {
                transferStream.close();
            } catch (java.io.IOException | RuntimeException e) {
                server.context.log().debug("{} {} closing a message stream failed: {}", id, remote, e.toString());
            }
            transferStream = null;
        }
        if (maildrop != null && state != State.UPDATE) {
            {
                // a dropped connection deletes nothing (RFC 1939 section 6)
                server.context
                        .log()
                        .summary(
                                "{} {} {} disconnected without QUIT; {} retrieved, nothing deleted",
                                id,
                                remote,
                                maildrop.account(),
                                retrieved);
            }
        }
        releaseLock();
        server.context.log().debug("{} {} disconnected", id, remote);
        ctx.fireChannelInactive();
    }

    /** Releases the maildrop lock (after UPDATE, or when the connection is gone). Idempotent. */
    void releaseLock() {
        if (lockedAccount != null) {
            MaildropLocks.unlock(server.context.mailboxes(), lockedAccount);
            lockedAccount = null;
        }
    }

    /** The logout line of the activity log. */
    void logLogout(int deleted) {
        server.context
                .log()
                .summary(
                        "{} {} {} logged out; {} retrieved, {} deleted",
                        id,
                        remote,
                        maildrop.account(),
                        retrieved,
                        deleted);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // I/O errors (a reset connection) are routine; anything else is our bug
        if (cause instanceof java.io.IOException) {
            server.context.log().debug("{} {} connection error: {}", id, remote, cause.toString());
            ctx.close();
        } else {
            LOG.error("POP3 session {} failed", id, cause);
            close(replies().reply(Pop3Replies.Key.LOCAL_ERROR));
        }
    }

    // ---- commands

    private void line(String text) {
        if (server.context.log().isEnabled(LogLevel.DEBUG)) {
            server.context.log().debug("{} {} < {}", id, remote, loggable(text));
        }
        if (auth != null) {
            AuthVerb.respond(this, text);
        } else {
            Pop3Commands.dispatch(this, text);
        }
        if (!pending) {
            next();
        }
    }

    // ---- the autologout timer (RFC 1939 section 3)

    void touch() {
        lastActivity = System.nanoTime();
    }

    private void scheduleTimeout() {
        long idle = server.settings.idleTimeout().toNanos();
        long left = lastActivity + idle - System.nanoTime();
        // storage work does not count as idle; a client that stopped reading a transfer does
        boolean waitingForStore = pending && onWritable == null;
        if (left <= 0 && !waitingForStore) {
            server.statistics.timeouts.increment();
            server.context.log().summary("{} {} idle timeout", id, remote);
            // no UPDATE: an autologout deletes nothing
            close(replies().reply(Pop3Replies.Key.TIMEOUT));
            return;
        }
        long wait = Math.max(left > 0 ? left : idle, TimeUnit.MILLISECONDS.toNanos(10));
        timer = ctx.executor().schedule(this::scheduleTimeout, wait, TimeUnit.NANOSECONDS);
    }

    // ---- helpers

    /** The line as the debug log may show it: never a password or an authentication payload. */
    private String loggable(String text) {
        if (auth != null) {
            return "(authentication response)";
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.startsWith("PASS ")) {
            return "PASS ***";
        }
        if (upper.startsWith("APOP ")) {
            int space = text.indexOf(' ', 5);
            return space < 0 ? text : text.substring(0, space) + " ***";
        }
        if (upper.startsWith("AUTH ")) {
            int second = text.indexOf(' ', 5);
            return second < 0 ? text : text.substring(0, second) + " (initial response)";
        }
        return text;
    }
}
