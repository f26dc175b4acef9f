package org.icewarp.protocols.passwd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.icewarp.core.auth.AuthRequest;
import org.icewarp.core.auth.AuthResult;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.Mechanism;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.storage.Account;
import org.icewarp.storage.EmailAddress;

/**
 * One change-password connection: the classic poppassd dialogue, every answer {@code 200} (go on) or {@code 500}
 * (refused).
 *
 * <pre>
 * S: 200 poppassd hello, who are you?
 * C: user john@example.com
 * S: 200 Your password please.
 * C: pass old-secret
 * S: 200 Your new password please.
 * C: newpass new-secret
 * S: 200 Password changed, thank-you.
 * C: quit
 * S: 200 Bye.
 * </pre>
 *
 * The old password goes through the kernel's authenticator (login policy, lock-out and authentication log apply); the
 * new one is written with {@link org.icewarp.core.auth.CredentialService#setPassword} on the account store. Accounts a
 * directory owns are refused: their password lives in the directory. Lines are handled one at a time; lines that arrive
 * while a check runs wait in order. Runs on the event loop; hashing and storage run on the blocking executor.
 */
final class PasswdSession extends ChannelInboundHandlerAdapter {
    /** A mechanism of its own for the authentication log; plain text like USER/PASS. */
    static final Mechanism MECHANISM = new Mechanism("POPPASSD", 0, true);

    private final ServiceContext context;
    private final PasswdSettings settings;
    private final Authenticator authenticator;
    private final PasswdStatistics statistics;
    private final Queue<String> waiting = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private InetSocketAddress remote;
    private String user;
    private EmailAddress account;
    private boolean pending;
    private boolean closing;
    private int failures;
    private ScheduledFuture<?> timer;

    PasswdSession(
            ServiceContext context, PasswdSettings settings, Authenticator authenticator, PasswdStatistics statistics) {
        this.context = context;
        this.settings = settings;
        this.authenticator = authenticator;
        this.statistics = statistics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.remote = (InetSocketAddress) ctx.channel().remoteAddress();
        statistics.sessions.increment();
        if (!settings.allowPlain() && !context.tls().isActive(ctx.channel())) {
            // refused before any password crosses the wire
            context.log().summary("passwd {} refused: connection without TLS", remote);
            close("500 Encrypted connection required; use the TLS port");
            return;
        }
        if (authenticator == null) {
            close("500 Service unavailable");
            return;
        }
        reply("200 poppassd hello, who are you?");
        ctx.flush();
        idle();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        String line;
        try {
            line = buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
        if (closing) {
            return;
        }
        idle();
        waiting.add(line);
        drain();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            close("500 Line too long");
        } else {
            context.log().debug("passwd {} connection error: {}", remote, cause.toString());
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private void drain() {
        while (!pending && !closing && !waiting.isEmpty()) {
            command(waiting.poll());
        }
        ctx.flush();
    }

    private void command(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String arg = space < 0 ? "" : line.substring(space + 1);
        context.log()
                .debug("passwd {} < {}", remote, verb.equals("user") || verb.equals("quit") ? line : verb + " ***");
        switch (verb) {
            case "user" -> {
                if (arg.isBlank()) {
                    reply("500 Username required.");
                    return;
                }
                user = arg.trim();
                account = null;
                reply("200 Your password please.");
            }
            case "pass" -> pass(arg);
            case "newpass" -> newPass(arg);
            case "quit" -> close("200 Bye.");
            default -> reply("500 Unknown command.");
        }
    }

    private void pass(String password) {
        if (user == null) {
            reply("500 Send user first.");
            return;
        }
        AuthRequest request = AuthRequest.password(
                context.name(),
                remote.getAddress(),
                "passwd",
                context.tls().isActive(ctx.channel()),
                user,
                MECHANISM,
                password);
        await(authenticator.authenticate(request), (result, failure) -> {
            if (result instanceof AuthResult.Success success) {
                Account a = success.account();
                if (a.directory().owned()) {
                    reply("500 The password of this account is managed by the directory.");
                    return;
                }
                account = a.address();
                reply("200 Your new password please.");
            } else if (failure != null || result instanceof AuthResult.TemporaryFailure) {
                reply("500 Temporarily unavailable, try again later.");
            } else {
                statistics.failed.increment();
                context.log().summary("passwd {} wrong old password for {}", remote, user);
                if (++failures >= settings.maxFailures()) {
                    close("500 Old password is incorrect.");
                } else {
                    reply("500 Old password is incorrect.");
                }
            }
        });
    }

    private void newPass(String password) {
        if (account == null) {
            reply("500 Send user and pass first.");
            return;
        }
        if (password.length() < settings.minLength()) {
            reply("500 New password must be at least " + settings.minLength() + " characters.");
            return;
        }
        if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            reply("500 New password contains control characters.");
            return;
        }
        EmailAddress target = account;
        pending = true;
        ctx.channel().config().setAutoRead(false);
        try {
            context.blockingExecutor().execute(() -> {
                Throwable failure = null;
                try {
                    authenticator.credentials().setPassword(context.accounts(), target, password);
                } catch (RuntimeException e) {
                    failure = e;
                }
                Throwable f = failure;
                ctx.executor().execute(() -> finish((Void v, Throwable t) -> changed(target, t), null, f));
            });
        } catch (RejectedExecutionException e) {
            pending = false;
            close("500 Service busy, try again later.");
        }
    }

    private void changed(EmailAddress target, Throwable failure) {
        if (failure != null) {
            context.log()
                    .summary("passwd {} changing the password of {} failed: {}", remote, target, failure.toString());
            reply("500 Password not changed, try again later.");
            return;
        }
        statistics.changed.increment();
        context.log().summary("passwd {} password changed for {}", remote, target);
        account = null;
        user = null;
        reply("200 Password changed, thank-you.");
    }

    private <T> void await(CompletionStage<T> stage, BiConsumer<T, Throwable> then) {
        pending = true;
        ctx.channel().config().setAutoRead(false);
        stage.whenComplete((v, f) -> ctx.executor().execute(() -> finish(then, v, f)));
    }

    private <T> void finish(BiConsumer<T, Throwable> then, T value, Throwable failure) {
        pending = false;
        if (!ctx.channel().isActive()) {
            return;
        }
        then.accept(value, failure);
        if (!closing) {
            ctx.channel().config().setAutoRead(true);
        }
        drain();
    }

    private void reply(String line) {
        context.log().debug("passwd {} > {}", remote, line);
        ctx.write(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8));
    }

    private void close(String line) {
        if (closing) {
            return;
        }
        closing = true;
        context.log().debug("passwd {} > {}", remote, line);
        ctx.writeAndFlush(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void idle() {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = ctx.executor()
                .schedule(
                        () -> close("500 Timeout, closing connection."),
                        settings.idleTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
    }
}
