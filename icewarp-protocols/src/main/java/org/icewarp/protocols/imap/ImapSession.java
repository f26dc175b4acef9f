package org.icewarp.protocols.imap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.icewarp.core.log.LogLevel;
import org.icewarp.storage.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One IMAP connection's state machine. Runs on the channel's event loop; every command is answered before the next is
 * decoded ({@link ImapDecoder} pauses after each). Storage work runs on the kernel's blocking executor through {@link
 * #blocking}, with reading paused until its continuation has answered on the loop.
 *
 * <p>State rules are checked in {@link ImapCommands}; this class keeps the state, writes responses, reports the
 * selected mailbox's changes at the end of each command, and enforces the limits: BAD commands, authentication
 * failures, and the login and idle timeouts (answered with {@code * BYE} and a close).
 */
final class ImapSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);

    private final ImapServer server;
    private final ImapDecoder decoder;
    private final String id;

    private ChannelHandlerContext ctx;
    private InetSocketAddress remote;
    private ImapState state = ImapState.NOT_AUTHENTICATED;
    private EmailAddress account;
    private SelectedMailbox selected;
    private AuthenticateCommand.Exchange auth;
    private IdleCommand.Idle idle;
    private boolean expungeAllowed = true;
    private boolean pending;
    private boolean closing;
    private int badCommands;
    private int authFailures;
    private long lastActivity;
    private ScheduledFuture<?> timer;

    ImapSession(ImapServer server, ImapDecoder decoder, String id) {
        this.server = server;
        this.decoder = decoder;
        this.id = id;
    }

    // ---- what processors use

    ImapServer server() {
        return server;
    }

    ImapDecoder decoder() {
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

    ImapState state() {
        return state;
    }

    boolean tls() {
        return server.context.tls().isActive(ctx.channel());
    }

    /** The authenticated account; {@code null} before authentication. */
    EmailAddress account() {
        return account;
    }

    void authenticated(EmailAddress account) {
        this.account = account;
        this.state = ImapState.AUTHENTICATED;
        server.context.log().summary("{} {} authenticated as {}", id, remote, account);
    }

    /** The selected mailbox, or {@code null}. */
    SelectedMailbox selected() {
        return selected;
    }

    /** Selects a mailbox (closing the previous one), or deselects with {@code null}. */
    void select(SelectedMailbox mailbox) {
        if (selected != null) {
            selected.close();
        }
        selected = mailbox;
        if (state == ImapState.SELECTED || state == ImapState.AUTHENTICATED) {
            state = mailbox == null ? ImapState.AUTHENTICATED : ImapState.SELECTED;
        }
    }

    /** Wakes the session from the store's thread when its selected mailbox changed (reported at once during IDLE). */
    void mailboxChanged() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.executor().execute(() -> {
                if (idle != null && selected != null && !closing) {
                    writeUpdates(true);
                    ctx.flush();
                }
            });
        }
    }

    AuthenticateCommand.Exchange authExchange() {
        return auth;
    }

    void authExchange(AuthenticateCommand.Exchange exchange) {
        this.auth = exchange;
    }

    IdleCommand.Idle idle() {
        return idle;
    }

    void idle(IdleCommand.Idle idle) {
        this.idle = idle;
    }

    /**
     * The folder a client's mailbox name means, or {@code null} after answering {@code NO [CANNOT]} for a name that
     * would leave the account (see {@link MailboxNames}).
     */
    org.icewarp.storage.FolderName folder(String tag, String wire) {
        java.util.Optional<org.icewarp.storage.FolderName> folder = MailboxNames.parse(wire);
        if (folder.isEmpty()) {
            server.context.log().debug("{} {} refused mailbox name {}", id, remote, wire);
            no(tag, "[CANNOT] Invalid mailbox name");
            return null;
        }
        return folder.get();
    }

    /** Counts a failed login; at the limit the session ends. */
    void authFailed() {
        if (++authFailures >= server.settings.maxAuthFailures()) {
            bye("Too many authentication failures");
        }
    }

    /** The capabilities for the current state (RFC 3501 section 7.2.1). */
    String capabilities() {
        StringBuilder c = new StringBuilder(
                "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS MOVE UNSELECT CHILDREN SPECIAL-USE"
                        + " LIST-EXTENDED LIST-STATUS STATUS=SIZE QUOTA QUOTA=RES-STORAGE");
        if (state == ImapState.NOT_AUTHENTICATED) {
            boolean tls = tls();
            if (server.context.tls().enabled() && !tls) {
                c.append(" STARTTLS");
            }
            if (!server.plaintextAllowed(tls)) {
                c.append(" LOGINDISABLED");
            }
            if (server.authenticator != null) {
                server.mechanisms
                        .advertised(server.sasl, tls)
                        .forEach(m -> c.append(" AUTH=").append(m.name()));
            }
        }
        return c.toString();
    }

    // ---- responses

    /** Writes an untagged response ({@code * } and CRLF are added). */
    void untagged(String text) {
        write("* " + text + "\r\n");
    }

    /** Writes a continuation request ({@code + }). */
    void continuation(String text) {
        write("+ " + text + "\r\n");
        ctx.flush();
    }

    /** Writes raw response bytes (FETCH literals). */
    void write(ByteBuf bytes) {
        if (closing) {
            bytes.release();
            return;
        }
        ctx.write(bytes);
    }

    private void write(String text) {
        if (closing) {
            return;
        }
        if (server.context.log().isEnabled(LogLevel.DEBUG)) {
            server.context.log().debug("{} {} > {}", id, remote, text.stripTrailing());
        }
        ctx.write(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Ends a command: reports the selected mailbox's changes, then the tagged response ({@code OK}, {@code NO} or
     * {@code BAD}, with an optional {@code [code]} in the text).
     */
    void complete(String tag, String status, String text) {
        writeUpdates(expungeAllowed);
        write(tag + " " + status + " " + text + "\r\n");
        if (status.equals("BAD") && ++badCommands >= server.settings.maxBadCommands()) {
            bye("Too many invalid commands");
        }
    }

    void ok(String tag, String text) {
        complete(tag, "OK", text);
    }

    void no(String tag, String text) {
        complete(tag, "NO", text);
    }

    void bad(String tag, String text) {
        complete(tag, "BAD", text);
    }

    /** Answers a failed storage call (the mapping lives in {@link ImapFailures}). */
    void failed(String tag, Throwable failure) {
        complete(tag, "NO", ImapFailures.response(failure, id));
    }

    private void writeUpdates(boolean allowExpunge) {
        if (selected != null && state == ImapState.SELECTED) {
            for (String line : selected.drain(allowExpunge)) {
                untagged(line);
            }
        }
    }

    /** Writes {@code * BYE}, flushes and closes. */
    void bye(String text) {
        if (closing) {
            return;
        }
        write("* BYE " + text + "\r\n");
        closing = true;
        state = ImapState.LOGOUT;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** LOGOUT: {@code * BYE}, the tagged OK, then the close (RFC 3501 section 6.1.3). */
    void logout(String tag) {
        write("* BYE Logging out\r\n");
        write(tag + " OK LOGOUT completed\r\n");
        closing = true;
        state = ImapState.LOGOUT;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    boolean closing() {
        return closing;
    }

    /**
     * Runs {@code work} on the kernel's blocking executor and {@code then} on the event loop with its result or
     * failure. Decoding pauses until {@code then} has run. A full executor answers {@code * BYE} and closes.
     */
    <T> void blocking(Callable<T> work, BiConsumer<T, Throwable> then) {
        pending = true;
        updateAutoRead();
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
            bye("Server busy");
        }
    }

    /** Waits for {@code stage} the same way (the SASL exchange and LOGIN). */
    <T> void await(CompletionStage<T> stage, BiConsumer<T, Throwable> then) {
        pending = true;
        updateAutoRead();
        stage.whenComplete((value, failure) -> ctx.executor().execute(() -> finishPending(then, value, failure)));
    }

    private <T> void finishPending(BiConsumer<T, Throwable> then, T value, Throwable failure) {
        pending = false;
        if (!ctx.channel().isActive()) {
            // a result holding resources (a selection's store listener) is released rather than handed over
            if (value instanceof AutoCloseable resource) {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("IMAP session {}: releasing {} failed", id, resource, e);
                }
            }
            return;
        }
        MDC.put("session", id);
        try {
            then.accept(value, failure);
        } catch (RuntimeException e) {
            LOG.error("IMAP continuation failed in session {}", id, e);
            bye("Internal error");
        } finally {
            MDC.remove("session");
        }
        touch();
        if (!pending) {
            next();
        }
        ctx.flush();
    }

    /** Lets the decoder go on after a command was answered. */
    private void next() {
        expungeAllowed = true;
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
        touch();
        server.context.log().debug("{} {} connected", id, remote);
        untagged("OK [CAPABILITY " + capabilities() + "] " + server.settings.hostName() + " IMAP4rev1 ready");
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
            if (msg instanceof ImapInput.Command command) {
                command(command.bytes());
            } else if (msg instanceof ImapInput.TooLong tooLong) {
                answerError(tooLong.tag(), "BAD", "Line too long");
            } else if (msg instanceof ImapInput.TooBig tooBig) {
                answerError(tooBig.tag(), "NO", "[TOOBIG] Literal too large");
            }
            if (!pending) {
                next();
            }
            ctx.flush();
        } finally {
            MDC.remove("session");
        }
    }

    private void answerError(String tag, String status, String text) {
        if (auth != null) {
            auth.cancel();
            auth = null;
        }
        complete(tag, tag.equals("*") ? "BAD" : status, text);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
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
        if (selected != null) {
            selected.close();
            selected = null;
        }
        server.context.log().debug("{} {} disconnected", id, remote);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException) {
            server.context.log().debug("{} {} connection error: {}", id, remote, cause.toString());
            ctx.close();
        } else {
            LOG.error("IMAP session {} failed", id, cause);
            bye("Internal error");
        }
    }

    // ---- commands

    private void command(byte[] bytes) {
        if (server.context.log().isEnabled(LogLevel.DEBUG)) {
            server.context.log().debug("{} {} < {}", id, remote, loggable(bytes));
        }
        if (auth != null) {
            AuthenticateCommand.respond(this, new String(bytes, StandardCharsets.US_ASCII));
            return;
        }
        if (idle != null) {
            IdleCommand.done(this, new String(bytes, StandardCharsets.US_ASCII));
            return;
        }
        ImapReader reader = new ImapReader(bytes);
        String tag;
        try {
            tag = reader.tag();
            reader.sp();
        } catch (ImapParseException e) {
            complete("*", "BAD", "Missing or invalid tag");
            return;
        }
        String name;
        try {
            name = reader.atom().toUpperCase(Locale.ROOT);
            if (name.equals("UID")) {
                reader.sp();
                name = "UID " + reader.atom().toUpperCase(Locale.ROOT);
            }
        } catch (ImapParseException e) {
            bad(tag, "Missing or invalid command");
            return;
        }
        ImapCommands.Command<?> command = ImapCommands.find(name);
        if (command == null) {
            bad(tag, "Unknown command " + name);
            return;
        }
        if (!command.states().contains(state)) {
            bad(tag, name + " is not allowed " + stateText());
            return;
        }
        expungeAllowed = !command.holdsExpunges();
        try {
            command.run(this, tag, reader);
        } catch (ImapParseException e) {
            bad(tag, name + ": " + e.getMessage());
        }
    }

    private String stateText() {
        return switch (state) {
            case NOT_AUTHENTICATED -> "before authentication";
            case AUTHENTICATED -> "without a selected mailbox";
            case SELECTED -> "with a mailbox selected";
            case LOGOUT -> "after LOGOUT";
        };
    }

    // ---- timeouts (RFC 9051 section 5.4)

    private void touch() {
        lastActivity = System.nanoTime();
    }

    private void scheduleTimeout() {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        long limit = (state == ImapState.NOT_AUTHENTICATED
                        ? server.settings.loginTimeout()
                        : server.settings.idleTimeout())
                .toNanos();
        long left = lastActivity + limit - System.nanoTime();
        if (left <= 0 && !pending) {
            server.context.log().summary("{} {} timeout", id, remote);
            bye("Autologout; idle for too long");
            return;
        }
        long wait =
                Math.max(Math.min(left, server.settings.loginTimeout().toNanos()), TimeUnit.MILLISECONDS.toNanos(10));
        timer = ctx.executor().schedule(this::scheduleTimeout, wait, TimeUnit.NANOSECONDS);
    }

    // ---- helpers

    /** The command for the debug log, with LOGIN's password and AUTHENTICATE's payloads left out. */
    private String loggable(byte[] bytes) {
        if (auth != null) {
            return "(authentication response)";
        }
        String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
        String upper = text.toUpperCase(Locale.ROOT);
        int login = upper.indexOf(" LOGIN ");
        if (login >= 0 && login < 40) {
            return text.substring(0, login + 7) + "(credentials)";
        }
        int authenticate = upper.indexOf(" AUTHENTICATE ");
        if (authenticate >= 0 && authenticate < 40) {
            int mech = text.indexOf(' ', authenticate + 14);
            return mech < 0 ? text : text.substring(0, mech) + " (initial response)";
        }
        return text.length() < bytes.length ? text + "..." : text;
    }
}
