package org.icewarp.core.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The shared resources of a running server: event loops, the blocking executor, the scheduler, the event bus, the
 * clock and the data directory. Created by a server's start and closed by its stop.
 */
public final class Kernel implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Kernel.class);

    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final ThreadPoolExecutor blocking;
    private final ExecutorScheduler scheduler;
    private final AsyncEventBus events;
    private final Clock clock;
    private final Path dataDirectory;
    private final Storage storage;
    private volatile org.icewarp.core.tls.ServerTls tls;

    /**
     * @param events the server's event bus, which outlives the kernel
     * @param ioThreads event loop threads for connections (0: Netty's default, twice the cores)
     * @param blockingThreads threads for blocking work
     * @param blockingQueue queued blocking tasks before new ones are rejected
     */
    public Kernel(
            Clock clock,
            Path dataDirectory,
            AsyncEventBus events,
            Storage storage,
            int ioThreads,
            int blockingThreads,
            int blockingQueue) {
        this.clock = clock;
        this.dataDirectory = dataDirectory;
        this.acceptors =
                new MultiThreadIoEventLoopGroup(1, new NamedThreadFactory("icewarp-accept"), NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(
                ioThreads, new NamedThreadFactory("icewarp-io"), NioIoHandler.newFactory());
        this.blocking = new ThreadPoolExecutor(
                blockingThreads,
                blockingThreads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(blockingQueue),
                new NamedThreadFactory("icewarp-blocking"));
        this.blocking.allowCoreThreadTimeOut(true);
        this.scheduler = new ExecutorScheduler();
        this.events = events;
        this.storage = storage;
    }

    /** The acceptor loop. */
    public EventLoopGroup acceptors() {
        return acceptors;
    }

    /** The connection loops. */
    public EventLoopGroup workers() {
        return workers;
    }

    /** The bounded executor for blocking work. */
    public ExecutorService blocking() {
        return blocking;
    }

    /** The scheduler. */
    public ExecutorScheduler scheduler() {
        return scheduler;
    }

    /** The event bus. */
    public AsyncEventBus events() {
        return events;
    }

    /** The server's stores. */
    public Storage storage() {
        return storage;
    }

    /**
     * The service's own temporary folder, {@code <data>/temp/<service>}, created if missing and emptied: the seed's
     * "the appropriate subfolder of this directory (temp) is automatically emptied when the corresponding service
     * starts". Links inside are removed, never followed.
     */
    public Path prepareTemp(String service) throws java.io.IOException {
        Path dir = dataDirectory.resolve("temp").resolve(service);
        java.nio.file.Files.createDirectories(dir);
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
        return dir;
    }

    /** Hands the kernel the server's TLS, which it closes with itself. */
    public void useTls(org.icewarp.core.tls.ServerTls tls) {
        this.tls = tls;
    }

    /** The server's TLS; set at start before any service starts. */
    public org.icewarp.core.tls.ServerTls tls() {
        org.icewarp.core.tls.ServerTls t = tls;
        if (t == null) {
            throw new IllegalStateException("TLS is not set up yet");
        }
        return t;
    }

    /** What certificate providers may use of this kernel. */
    public org.icewarp.core.tls.CertificateProvider.Environment tlsEnvironment() {
        Kernel k = this;
        return new org.icewarp.core.tls.CertificateProvider.Environment() {
            @Override
            public Path dataDirectory() {
                return k.dataDirectory;
            }

            @Override
            public Clock clock() {
                return k.clock;
            }

            @Override
            public org.icewarp.core.schedule.Scheduler scheduler() {
                return k.scheduler;
            }

            @Override
            public java.util.concurrent.Executor blockingExecutor() {
                return k.blocking;
            }
        };
    }

    private volatile org.icewarp.core.auth.Authenticator authenticator;

    /** Installs the server's authenticator, which the kernel closes with its threads. */
    public void authenticator(org.icewarp.core.auth.Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The server's authenticator. */
    public org.icewarp.core.auth.Authenticator authenticator() {
        org.icewarp.core.auth.Authenticator a = authenticator;
        if (a == null) {
            throw new IllegalStateException("no authenticator installed");
        }
        return a;
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** The data directory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether the calling thread is one of this kernel's event loops (which must never wait for the kernel). */
    public boolean inEventLoop() {
        for (io.netty.util.concurrent.EventExecutor e : workers) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        for (io.netty.util.concurrent.EventExecutor e : acceptors) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /** Stops the threads: the scheduler at once, event loops gracefully, blocking work given a few seconds to end. */
    @Override
    public void close() {
        scheduler.close();
        org.icewarp.core.tls.ServerTls t = tls;
        if (t != null) {
            t.close();
        }
        try {
            closeThreads();
        } finally {
            if (authenticator != null) {
                authenticator.close();
            }
            storage.close();
        }
    }

    private void closeThreads() {
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        blocking.shutdown();
        try {
            if (!blocking.awaitTermination(5, TimeUnit.SECONDS)) {
                List<Runnable> dropped = blocking.shutdownNow();
                LOG.warn(
                        "blocking work still running after 5 s at stop; interrupted it, {} queued tasks dropped",
                        dropped.size());
            }
        } catch (InterruptedException e) {
            blocking.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
