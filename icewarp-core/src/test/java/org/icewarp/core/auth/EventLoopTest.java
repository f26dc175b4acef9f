package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow authentications never stall the event loop: a tiny line service on one event loop thread answers {@code PING}
 * on one connection while twenty other connections wait for their logins.
 */
class EventLoopTest {
    private static final int SLOW = 20;

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger inBackend = new AtomicInteger();
    private final Set<String> backendThreads = ConcurrentHashMap.newKeySet();
    private EventLoopGroup loop;
    private Authenticator auth;
    private Channel server;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        AccountStore store = Fixtures.store("t.com");
        CredentialService credentials = CredentialService.create(Fixtures.fast());
        store.createAccount(credentials.withPassword(Account.of("b@t.com"), "right"));
        // stands for a slow hash or directory: holds each attempt until the test lets go
        AuthBackend slow = (r, account) -> {
            backendThreads.add(Thread.currentThread().getName());
            inBackend.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AuthBackend.Verdict.decline();
        };
        auth = Authenticator.builder(store)
                .settings(AuthSettings.builder().threads(4).queue(100).build())
                .credentials(credentials)
                .serviceLoader(false)
                .backend(slow)
                .build();
        loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new LineBasedFrameDecoder(512))
                                .addLast(new StringDecoder(StandardCharsets.US_ASCII))
                                .addLast(new StringEncoder(StandardCharsets.US_ASCII))
                                .addLast(new LineService(auth));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        for (Socket s : sockets) {
            s.close();
        }
        server.close().sync();
        loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        auth.close();
    }

    /** {@code AUTH <user> <password>} → {@code OK}/{@code NO} once decided; {@code PING} → {@code PONG} at once. */
    private static final class LineService extends SimpleChannelInboundHandler<String> {
        private final Authenticator auth;

        LineService(Authenticator auth) {
            this.auth = auth;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            if (line.startsWith("AUTH ")) {
                String[] p = line.split(" ");
                InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
                ctx.channel().config().setAutoRead(false); // one command at a time
                auth.authenticate(AuthRequest.password(
                                "test",
                                remote.getAddress(),
                                ctx.channel().id().asShortText(),
                                true,
                                p[1],
                                Mechanism.PLAIN,
                                p[2]))
                        .thenAcceptAsync(
                                r -> {
                                    ctx.writeAndFlush(r.succeeded() ? "OK\n" : "NO\n");
                                    ctx.channel().config().setAutoRead(true);
                                },
                                ctx.executor());
            } else {
                ctx.writeAndFlush("PONG\n");
            }
        }
    }

    private Socket connect() throws Exception {
        Socket s = new Socket();
        s.connect(server.localAddress(), 10_000);
        s.setSoTimeout(30_000); // a guard against a hang, never a synchronisation
        sockets.add(s);
        return s;
    }

    private static void send(Socket s, String line) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String read(Socket s) throws Exception {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    @Test
    void twentySlowLoginsDoNotStallAnotherConnectionsReads() throws Exception {
        List<Socket> waiting = new ArrayList<>();
        for (int i = 0; i < SLOW; i++) {
            Socket s = connect();
            send(s, "AUTH b@t.com right");
            waiting.add(s);
        }
        // every verification thread is now held; the others wait in the queue
        await().atMost(Duration.ofSeconds(30)).until(() -> inBackend.get() == 4);

        Socket other = connect();
        for (int i = 0; i < 3; i++) {
            send(other, "PING");
            assertThat(read(other)).isEqualTo("PONG");
        }
        assertThat(inBackend.get()).isEqualTo(4);

        release.countDown();
        for (Socket s : waiting) {
            assertThat(read(s)).isEqualTo("OK");
        }
        assertThat(inBackend.get()).isEqualTo(SLOW);
        assertThat(backendThreads).allMatch(n -> n.startsWith("icewarp-auth-"));
    }
}
