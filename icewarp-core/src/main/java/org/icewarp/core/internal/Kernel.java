package org.icewarp.core.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The shared resources of a running server: event loops, the blocking executor, the scheduler, the event bus, the
 * clock and the data directory. Created by a server's start and closed by its stop.
 */
public final class Kernel implements AutoCloseable {
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final ThreadPoolExecutor blocking;
    private final ExecutorScheduler scheduler;
    private final AsyncEventBus events;
    private final Clock clock;
    private final Path dataDirectory;

    /**
     * @param ioThreads event loop threads for connections (0: Netty's default, twice the cores)
     * @param blockingThreads threads for blocking work
     * @param blockingQueue queued blocking tasks before new ones are rejected
     */
    public Kernel(Clock clock, Path dataDirectory, int ioThreads, int blockingThreads, int blockingQueue) {
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
        this.events = new AsyncEventBus();
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

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** The data directory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        scheduler.close();
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        blocking.shutdown();
        events.close();
    }
}
