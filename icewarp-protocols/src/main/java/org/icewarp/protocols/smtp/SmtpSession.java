package org.icewarp.protocols.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.icewarp.core.log.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One SMTP connection's state machine. Runs on the channel's event loop; every command is answered before the next is
 * decoded ({@link SmtpDecoder} pauses after each), and work that may block (storage, hashing) runs on the kernel's
 * executor through {@link #blocking}, with reading paused until its continuation has answered on the loop.
 *
 * <p>Limits enforced here: unknown commands, error replies, authentication failures, commands without an accepted
 * message before authentication, and the idle, data and total timeouts of RFC 5321 section 4.5.3.2. Exceeding one
 * answers {@code 421} and closes.
 */
final class SmtpSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
    /** Spool backlog above which reading pauses, and below which it resumes. */
    private static final long BACKLOG_HIGH = 1 << 20;

    private static final long BACKLOG_LOW = 256 << 10;

    private final SmtpServer server;
    private final SmtpDecoder decoder;
    private final String id;

    private ChannelHandlerContext ctx;
    private SerialExecutor serial;
    private InetSocketAddress remote;
    private boolean submission;

    private String helloName;
    private boolean esmtp;
    private String user;
    private SmtpTransaction transaction;
    private AuthVerb.Exchange auth;

    private SmtpReply chunkRefusal;
    private long transactions;

    private boolean pending;
    private boolean backlogged;
    private boolean closing;
    private int commandsWithoutMessage;
    private int unknownCommands;
    private int errors;
    private int authFailures;
    private long lastActivity;
    private long started;
    private ScheduledFuture<?> timer;

    SmtpSession(SmtpServer server, SmtpDecoder decoder, String id) {
        this.server = server;
        this.decoder = decoder;
        this.id = id;
    }

    // ---- what handlers use

    SmtpReplies replies() {
        return server.replies;
    }

    SmtpSettings settings() {
        return server.settings;
    }

    SmtpServer server() {
        return server;
    }

    SmtpDecoder decoder() {
        return decoder;
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

    boolean submission() {
        return submission;
    }

    boolean tls() {
        return server.context.tls().isActive(ctx.channel());
    }

    String helloName() {
        return helloName;
    }

    boolean esmtp() {
        return esmtp;
    }

    void hello(String name, boolean extended) {
        this.helloName = name;
        this.esmtp = extended;
    }

    /** The authenticated account, or {@code null}. */
    String user() {
        return user;
    }

    void authenticated(String account) {
        this.user = account;
    }

    SmtpTransaction transaction() {
        return transaction;
    }

    void begin(SmtpTransaction tx) {
        this.transaction = tx;
    }

    /** Ends the transaction (RSET, HELO, a finished or failed message); its spool is closed behind any write. */
    void endTransaction() {
        SmtpTransaction tx = transaction;
        transaction = null;
        if (tx != null && tx.spool != null) {
            MessageSpool spool = tx.spool;
            try {
                serial.execute(spool::close);
            } catch (RejectedExecutionException e) {
                spool.close();
            }
        }
    }

    /** The statistics of the service. */
    SmtpStatistics statistics() {
        return server.statistics;
    }

    /** A new transaction id: the session id and a counter. */
    String nextTransactionId() {
        return id + "-" + (++transactions);
    }

    /** Remembers the answer for a BDAT chunk that is read only to be dropped. */
    void refuseChunk(SmtpReply reply) {
        this.chunkRefusal = reply;
    }

    /** The answer for a dropped BDAT chunk, once; {@code null} when the chunk was not refused. */
    SmtpReply takeChunkRefusal() {
        SmtpReply r = chunkRefusal;
        chunkRefusal = null;
        return r;
    }

    /** A message was accepted: the counter of commands without one starts again. */
    void messageAccepted() {
        commandsWithoutMessage = 0;
    }

    AuthVerb.Exchange authExchange() {
        return auth;
    }

    void authExchange(AuthVerb.Exchange exchange) {
        this.auth = exchange;
    }

    /** Counts a failed AUTH; at the limit the session ends. */
    boolean authFailed() {
        authFailures++;
        if (authFailures >= server.settings.maxAuthFailures()) {
            close(replies().reply(SmtpReplies.Key.TOO_MANY_ERRORS));
            return false;
        }
        return true;
    }

    /** Writes a reply (flushed when the input is drained or the continuation ends) and counts errors. */
    void reply(SmtpReply reply) {
        if (closing) {
            return;
        }
        if (server.context.log().isEnabled(LogLevel.DEBUG)) {
            // a 334 during AUTH carries a SASL challenge (nonces, salts, server proofs): never logged
            Object shown = auth != null && reply.code() == 334 ? "334 (authentication challenge)" : reply;
            server.context.log().debug("{} {} > {}", id, remote, shown);
        }
        ctx.write(Unpooled.wrappedBuffer(reply.encode()));
        if (reply.isError()) {
            errors++;
            if (errors > server.settings.maxErrors()) {
                server.statistics.rejected(SmtpStatistics.Rejection.LIMIT);
                close(replies().reply(SmtpReplies.Key.TOO_MANY_ERRORS));
            }
        }
    }

    /** Writes an error reply and counts the rejection. */
    void reject(SmtpReply reply, SmtpStatistics.Rejection reason) {
        server.statistics.rejected(reason);
        reply(reply);
    }

    /** Writes a final reply, flushes, and closes the connection. */
    void close(SmtpReply reply) {
        if (closing) {
            return;
        }
        if (server.context.log().isEnabled(LogLevel.DEBUG)) {
            server.context.log().debug("{} {} > {}", id, remote, reply);
        }
        closing = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.encode())).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Runs {@code work} on the kernel's executor and {@code then} on the event loop with its result or failure. Reading
     * and decoding pause until {@code then} has run; then the next command is decoded. A full executor answers
     * {@code 421} and closes.
     */
    <T> void blocking(Callable<T> work, BiConsumer<T, Throwable> then) {
        submit(server.context.blockingExecutor(), work, then);
    }

    /** Like {@link #blocking}, but behind the spool writes of this session (delivery must see every byte). */
    <T> void blockingAfterSpool(Callable<T> work, BiConsumer<T, Throwable> then) {
        submit(serial, work, then);
    }

    /** Waits for {@code stage} the same way (for the asynchronous SASL exchange). */
    <T> void await(CompletionStage<T> stage, BiConsumer<T, Throwable> then) {
        startPending();
        stage.whenComplete((value, failure) -> ctx.executor().execute(() -> finishPending(then, value, failure)));
    }

    private <T> void submit(Executor executor, Callable<T> work, BiConsumer<T, Throwable> then) {
        startPending();
        try {
            executor.execute(() -> {
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
            close(replies().reply(SmtpReplies.Key.BUSY));
        }
    }

    private void startPending() {
        pending = true;
        updateAutoRead();
    }

    private <T> void finishPending(BiConsumer<T, Throwable> then, T value, Throwable failure) {
        pending = false;
        if (!ctx.channel().isActive()) {
            endTransaction();
            return;
        }
        setMdc();
        try {
            then.accept(value, failure);
        } catch (RuntimeException e) {
            LOG.error("SMTP continuation failed in session {}", id, e);
            close(replies().reply(SmtpReplies.Key.LOCAL_ERROR));
        } finally {
            MDC.remove("session");
        }
        touch();
        if (!pending) {
            next();
        }
        ctx.flush();
    }

    /** Lets the decoder go on (after a command was answered synchronously or its continuation ran). */
    private void next() {
        if (closing) {
            return;
        }
        updateAutoRead();
        decoder.resume();
    }

    private void updateAutoRead() {
        boolean read = !pending && !backlogged && !closing && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    // ---- channel events

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.serial = new SerialExecutor(server.context.blockingExecutor());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = (InetSocketAddress) ctx.channel().remoteAddress();
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        submission = server.settings.submissionOnly()
                || server.settings.submissionPorts().contains(local.getPort());
        server.statistics.session();
        started = System.nanoTime();
        touch();
        server.context.log().debug("{} {} connected to port {}", id, remote, local.getPort());
        reply(replies().reply(SmtpReplies.Key.GREETING));
        ctx.flush();
        scheduleTimeout();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        touch();
        setMdc();
        try {
            if (closing) {
                release(msg);
                return;
            }
            if (msg instanceof SmtpInput.Line line) {
                line(line.text());
            } else if (msg instanceof SmtpInput.LineTooLong) {
                server.statistics.rejected(SmtpStatistics.Rejection.LIMIT);
                reply(replies().reply(SmtpReplies.Key.LINE_TOO_LONG));
                next();
            } else if (msg instanceof SmtpInput.Content content) {
                content(content.bytes());
            } else if (msg instanceof SmtpInput.ContentEnd end) {
                MessageCompletion.contentEnded(this, end);
                if (!pending) {
                    next();
                }
            } else {
                release(msg);
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
        updateAutoRead();
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
        endTransaction();
        server.context.log().debug("{} {} disconnected", id, remote);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // I/O errors (a reset connection) are routine; anything else is our bug
        if (cause instanceof java.io.IOException) {
            server.context.log().debug("{} {} connection error: {}", id, remote, cause.toString());
            ctx.close();
        } else {
            LOG.error("SMTP session {} failed", id, cause);
            close(replies().reply(SmtpReplies.Key.LOCAL_ERROR));
        }
    }

    // ---- commands

    private void line(String text) {
        if (server.context.log().isEnabled(LogLevel.DEBUG)) {
            server.context.log().debug("{} {} < {}", id, remote, loggable(text));
        }
        if (auth != null) {
            AuthVerb.respond(this, text);
            if (!pending) {
                next();
            }
            return;
        }
        int space = text.indexOf(' ');
        String verb = space < 0 ? text : text.substring(0, space);
        String argument = space < 0 ? "" : text.substring(space + 1);
        if (text.length() > server.settings.maxLineLength() && !verb.equalsIgnoreCase("AUTH")) {
            server.statistics.rejected(SmtpStatistics.Rejection.LIMIT);
            reply(replies().reply(SmtpReplies.Key.LINE_TOO_LONG));
            next();
            return;
        }
        if (user == null && ++commandsWithoutMessage > server.settings.maxCommandsBeforeAuth()) {
            server.statistics.rejected(SmtpStatistics.Rejection.LIMIT);
            close(replies().reply(SmtpReplies.Key.TOO_MANY_ERRORS));
            return;
        }
        SmtpCommands.Command command = SmtpCommands.find(verb);
        if (command == null) {
            server.statistics.rejected(SmtpStatistics.Rejection.SYNTAX);
            if (++unknownCommands >= server.settings.maxUnknownCommands()) {
                close(replies().reply(SmtpReplies.Key.TOO_MANY_ERRORS));
                return;
            }
            reply(replies().reply(SmtpReplies.Key.UNKNOWN_COMMAND));
            next();
            return;
        }
        if (SmtpCommands.admit(command, this, argument)) {
            command.handler().handle(this, argument);
        }
        if (!pending) {
            next();
        }
    }

    private void content(ByteBuf bytes) {
        SmtpTransaction tx = transaction;
        if (tx == null || tx.spool == null || tx.spoolFailure != null) {
            bytes.release();
            return;
        }
        byte[] data = ByteBufUtil.getBytes(bytes);
        bytes.release();
        tx.spoolBacklog += data.length;
        MessageSpool spool = tx.spool;
        try {
            serial.execute(() -> {
                try {
                    if (tx.spoolFailure == null) {
                        spool.write(data, 0, data.length);
                    }
                } catch (Exception e) {
                    tx.spoolFailure = e;
                } finally {
                    ctx.executor().execute(() -> written(tx, data.length));
                }
            });
        } catch (RejectedExecutionException e) {
            tx.spoolFailure = e;
            tx.spoolBacklog -= data.length;
        }
        if (tx.spoolBacklog > BACKLOG_HIGH && !backlogged) {
            backlogged = true;
            updateAutoRead();
        }
    }

    private void written(SmtpTransaction tx, int length) {
        tx.spoolBacklog -= length;
        if (backlogged && tx.spoolBacklog < BACKLOG_LOW) {
            backlogged = false;
            updateAutoRead();
        }
    }

    // ---- timeouts (RFC 5321 section 4.5.3.2)

    private void touch() {
        lastActivity = System.nanoTime();
    }

    private void scheduleTimeout() {
        long now = System.nanoTime();
        long idle = (decoderInContent() ? server.settings.dataTimeout() : server.settings.commandTimeout()).toNanos();
        long idleLeft = lastActivity + idle - now;
        long sessionLeft = started + server.settings.sessionTimeout().toNanos() - now;
        if (sessionLeft <= 0 || (idleLeft <= 0 && !pending)) {
            server.statistics.rejected(SmtpStatistics.Rejection.TIMEOUT);
            server.context.log().summary("{} {} timeout", id, remote);
            close(replies().reply(SmtpReplies.Key.TIMEOUT));
            return;
        }
        // wake at least as often as the shorter idle timeout, so a switch to or from message content is seen in time
        long shorter = Math.min(
                server.settings.commandTimeout().toNanos(),
                server.settings.dataTimeout().toNanos());
        long wait = Math.max(
                Math.min(Math.min(pending ? idle : idleLeft, sessionLeft), shorter), TimeUnit.MILLISECONDS.toNanos(10));
        timer = ctx.executor().schedule(this::scheduleTimeout, wait, TimeUnit.NANOSECONDS);
    }

    private boolean decoderInContent() {
        SmtpTransaction tx = transaction;
        return tx != null && tx.spool != null;
    }

    // ---- helpers

    private void setMdc() {
        MDC.put("session", id);
    }

    private String loggable(String text) {
        if (auth != null) {
            return "(authentication response)";
        }
        String upper = text.length() >= 5 ? text.substring(0, 5).toUpperCase(Locale.ROOT) : "";
        if (upper.equals("AUTH ")) {
            // keep the mechanism name only (RFC 4422 section 3.1: letters, digits, - and _); whatever follows it,
            // whatever the separator, may be credentials
            int end = 5;
            while (end < text.length() && mechanismChar(text.charAt(end))) {
                end++;
            }
            return end == text.length() ? text : text.substring(0, end) + " (initial response)";
        }
        return text;
    }

    private static boolean mechanismChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static void release(Object msg) {
        if (msg instanceof SmtpInput.Content c) {
            c.bytes().release();
        }
    }
}
