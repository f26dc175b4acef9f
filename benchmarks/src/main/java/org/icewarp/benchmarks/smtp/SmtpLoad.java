package org.icewarp.benchmarks.smtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end SMTP load harness (not JMH): sends N messages of S bytes over C concurrent sessions, with or without
 * connection reuse, to an in-process {@code IceWarpServer} on the {@code fs} backend (or to an external server), and
 * prints messages per second, client-side latency p50/p99, and the time until every message is in the store.
 *
 * <pre>
 * ./mvnw -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar org.icewarp.benchmarks.smtp.SmtpLoad --messages 10000 --size 2k \
 *     --sessions 20 --reuse true
 * </pre>
 *
 * <p>Options are listed by {@code --help} ({@link LoadOptions#USAGE}). A warm-up of {@code --warmup} messages (default
 * 1000, same sessions and reuse) runs first and is not counted. With the in-process server, "stored" is measured by
 * polling the recipients' INBOX counts every 10 ms from the start of the measured run (each poll reads the folder status,
 * which takes the folder's lock, so polling much more often slows the server down); since the server answers {@code
 * 250} only once a message is durable, it is the last acknowledgement plus up to one polling interval. Exit status 0
 * when every message was accepted, 1 otherwise, 2 for bad options.
 */
public final class SmtpLoad {
    private SmtpLoad() {}

    /**
     * Runs the harness.
     *
     * @param args the options, see {@link LoadOptions#USAGE}
     * @throws Exception when the server cannot start or a run is interrupted
     */
    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.print(LoadOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        if (options.serve()) {
            serve(options);
            return;
        }
        boolean allOk;
        LoadServer server = options.target().isEmpty() ? new LoadServer(options) : null;
        try {
            InetSocketAddress address =
                    server != null ? server.address() : parse(options.target().get());
            System.out.printf(
                    Locale.ROOT,
                    "SMTP load: %,d messages x %,d B, %d sessions, reuse=%s, server=%s%n",
                    options.messages(),
                    options.size(),
                    options.sessions(),
                    options.reuse(),
                    server != null
                            ? "in-process " + options.provider() + " " + server.directory() + " (" + address + ")"
                            : "external " + address);
            MessageSource source = new MessageSource(options.size(), options.recipients(), options.domain());
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.clientThreads(), NioIoHandler.newFactory());
            try {
                if (options.warmup() > 0) {
                    LoadRun warm = new LoadRun(options.warmup(), 1_000_000_000);
                    drive(group, address, source, options, warm);
                    System.out.printf(
                            Locale.ROOT, "warm-up: %,d messages (%d failed)%n", warm.ok(), warm.failedCount());
                }
                long before = server != null ? server.stored() : 0;
                LoadRun run = new LoadRun(options.messages(), 0);
                Poller poller = server == null ? null : new Poller(server, before + options.messages());
                long start = System.nanoTime();
                if (poller != null) {
                    poller.start(start);
                }
                drive(group, address, source, options, run);
                long sent = System.nanoTime() - start;
                Optional<Long> stored = Optional.empty();
                if (poller != null) {
                    stored = poller.await(before + run.ok(), 120);
                }
                report(options, run, sent, stored);
                allOk = run.failedCount() == 0;
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        System.exit(allOk ? 0 : 1);
    }

    /** {@code --serve}: the server alone, until standard input ends. */
    private static void serve(LoadOptions options) throws Exception {
        try (LoadServer server = new LoadServer(options)) {
            long before = server.stored();
            InetSocketAddress address = server.address();
            System.out.printf(
                    Locale.ROOT,
                    "serving SMTP on %s:%d (%s, %s); recipients load0..load%d@%s; close standard input to stop%n",
                    address.getHostString(),
                    address.getPort(),
                    options.provider(),
                    server.directory(),
                    options.recipients() - 1,
                    options.domain());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            System.out.printf(Locale.ROOT, "stored: %,d messages%n", server.stored() - before);
        }
    }

    private static InetSocketAddress parse(String target) {
        int colon = target.lastIndexOf(':');
        return new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    }

    /** Runs {@code run} to the end over {@code options.sessions()} concurrent connection chains. */
    static void drive(
            EventLoopGroup group, InetSocketAddress address, MessageSource source, LoadOptions options, LoadRun run)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(options.sessions());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        for (int i = 0; i < options.sessions(); i++) {
            connect(bootstrap, address, source, options, run, done);
        }
        done.await();
    }

    /** One chain: a connection, and when it closes the next one, until no message is left. */
    private static void connect(
            Bootstrap bootstrap,
            InetSocketAddress address,
            MessageSource source,
            LoadOptions options,
            LoadRun run,
            CountDownLatch done) {
        if (!run.hasMore()) {
            done.countDown();
            return;
        }
        long started = System.nanoTime();
        ChannelFuture f = bootstrap
                .clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new LineBasedFrameDecoder(8192))
                                .addLast(new ClientSession(run, source, options.reuse(), started));
                    }
                })
                .connect(address);
        f.addListener(connected -> {
            if (!connected.isSuccess()) {
                // count the message this chain would have sent, so the run still ends
                int m = run.claim();
                if (m >= 0) {
                    run.failed(m, "connect: " + connected.cause());
                }
                connect(bootstrap, address, source, options, run, done);
                return;
            }
            run.connected();
            Channel ch = f.channel();
            ch.closeFuture().addListener(closed -> connect(bootstrap, address, source, options, run, done));
        });
    }

    private static void report(LoadOptions options, LoadRun run, long sentNanos, Optional<Long> storedNanos) {
        double seconds = sentNanos / 1e9;
        double rate = run.ok() / seconds;
        LoadRun.Percentiles p = run.percentiles();
        System.out.printf(
                Locale.ROOT,
                "sent: %,d accepted, %,d failed, %,d connections, in %.3f s = %.0f msg/s (%.1f MB/s)%n",
                run.ok(),
                run.failedCount(),
                run.connections(),
                seconds,
                rate,
                rate * options.size() / (1024.0 * 1024.0));
        if (run.failedCount() > 0) {
            System.out.println("first failure: " + run.firstFailure());
        }
        System.out.printf(
                Locale.ROOT,
                "latency (client side, %s, ms): p50 %.2f  p99 %.2f  max %.2f  mean %.2f%n",
                options.reuse() ? "MAIL to 250" : "connect to 250",
                p.p50() / 1e6,
                p.p99() / 1e6,
                p.max() / 1e6,
                p.mean() / 1e6);
        if (storedNanos.isPresent()) {
            System.out.printf(
                    Locale.ROOT,
                    "stored: all %,d accepted messages in the store %.3f s after the start%n",
                    run.ok(),
                    storedNanos.get() / 1e9);
        } else if (options.target().isEmpty()) {
            System.out.println("stored: not all accepted messages reached the store within 120 s");
        } else {
            System.out.println("stored: not measured (external server)");
        }
    }

    /** Polls the store's count on its own thread until it reaches a target. */
    private static final class Poller {
        private static final long POLL_MILLIS = 10;

        private final LoadServer server;
        private volatile long target;
        private volatile long reachedAt = -1;
        private Thread thread;

        Poller(LoadServer server, long target) {
            this.server = server;
            this.target = target;
        }

        void start(long start) {
            thread = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            if (server.stored() >= target) {
                                reachedAt = System.nanoTime() - start;
                                return;
                            }
                            try {
                                Thread.sleep(POLL_MILLIS);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "store-poller");
            thread.setDaemon(true);
            thread.start();
        }

        /** Lowers the target to what was actually accepted and waits for it; empty when not reached in time. */
        Optional<Long> await(long accepted, int seconds) throws InterruptedException {
            target = Math.min(target, accepted);
            thread.join(seconds * 1000L);
            thread.interrupt();
            return reachedAt < 0 ? Optional.empty() : Optional.of(reachedAt);
        }
    }
}
