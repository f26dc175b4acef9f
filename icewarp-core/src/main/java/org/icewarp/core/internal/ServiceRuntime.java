package org.icewarp.core.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.traffic.GlobalTrafficShapingHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.icewarp.core.access.AccessRule;
import org.icewarp.core.access.AddressSet;
import org.icewarp.core.config.Binding;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.event.ServiceAlert;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.core.log.LogLevel;
import org.icewarp.core.schedule.Scheduler.ScheduledJob;
import org.icewarp.core.service.Refusal;
import org.icewarp.core.service.Service;
import org.icewarp.core.service.ServiceException;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceProtocol;
import org.icewarp.core.service.ServiceState;
import org.icewarp.core.service.ServiceStats;
import org.icewarp.core.tls.CertificateFileException;
import org.icewarp.core.tls.ServerTls;
import org.icewarp.core.tls.ServiceTls;
import org.icewarp.core.tls.TlsListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service instance: its listeners, the admission of connections (access rule, connection limit), the bandwidth
 * cap, counters and alerts, around the protocol that a {@link ServiceFactory} supplies.
 *
 * <p>Life-cycle methods are synchronised on the instance. The access rule, limits and log level are read by event
 * loops from volatile fields, so a configuration update takes effect for the next connection without a restart.
 */
public final class ServiceRuntime implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);
    /** How often the bandwidth shaper recomputes its budget; short, so that a cap holds on short transfers too. */
    private static final long SHAPING_INTERVAL_MS = 100;

    private final Kernel kernel;
    private final ServiceFactory factory;
    private final String name;
    private final ActivityLog log;
    private final TrafficCounter traffic = new TrafficCounter();
    private final AtomicInteger current = new AtomicInteger();
    private final LongAdder sessions = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    private volatile ServiceConfig config;
    private volatile List<String> allAddresses;
    private volatile AccessRule access;
    private volatile AddressSet trusted;
    private volatile org.icewarp.core.access.Patterns patterns;
    private volatile String serverWide;
    private volatile ServiceState state = ServiceState.STOPPED;
    /** The current run, or {@code null} when not running. */
    private volatile Run run;

    /**
     * Everything one start creates and the matching stop closes. Connections are admitted against the run their
     * listener belongs to, so one accepted while the run closes is refused instead of outliving it.
     */
    private final class Run {
        final ServiceProtocol protocol;
        /** Closes channels added after it was closed. */
        final ChannelGroup connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE, true);

        final List<Channel> listeners = new ArrayList<>();
        final List<TlsListener> tlsListeners = new ArrayList<>();
        /** Whether TLS was switched on when this run started (its TLS bindings are open only then). */
        boolean tlsEnabled;

        volatile List<InetSocketAddress> listening = List.of();
        volatile GlobalTrafficShapingHandler shaper;
        volatile boolean closed;
        Instant startedAt;
        AlertMonitor alerts;
        ScheduledJob alertJob;

        Run(ServiceProtocol protocol) {
            this.protocol = protocol;
        }
    }

    /** Creates a stopped service. */
    public ServiceRuntime(Kernel kernel, ServiceFactory factory, ServiceConfig config, ServerConfig server) {
        this.kernel = kernel;
        this.factory = factory;
        this.name = config.name();
        this.config = config;
        this.log = new ActivityLog(name, config.logging());
        updateServerWide(server);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return config.type();
    }

    @Override
    public String module() {
        return moduleOf(config, factory);
    }

    static String moduleOf(ServiceConfig config, ServiceFactory factory) {
        return config.module().isEmpty() ? factory.defaultModule() : config.module();
    }

    @Override
    public ServiceConfig config() {
        return config;
    }

    @Override
    public ServiceState state() {
        return state;
    }

    ServiceFactory factory() {
        return factory;
    }

    // ---- life cycle

    @Override
    public synchronized void start() {
        requireNotEventLoop("start");
        if (state == ServiceState.RUNNING) {
            return;
        }
        state = ServiceState.STARTING;
        List<Binding> bindings = bindings();
        java.nio.file.Path temp;
        try {
            temp = kernel.prepareTemp(name);
        } catch (java.io.IOException e) {
            state = ServiceState.FAILED;
            throw new ServiceException(name, "cannot prepare its temporary folder: " + e, e);
        }
        Run r;
        try {
            r = new Run(Objects.requireNonNull(factory.create(new Context(this, kernel, temp)), "protocol"));
        } catch (RuntimeException e) {
            state = ServiceState.FAILED;
            throw new ServiceException(name, "protocol " + type() + " failed to start: " + e.getMessage(), e);
        }
        r.shaper = newShaper(config.limits().bandwidthKbps());
        ServerTls tls = kernel.tls();
        r.tlsEnabled = tls.enabled();
        try {
            List<InetSocketAddress> bound = new ArrayList<>();
            for (Binding b : bindings) {
                TlsListener secure = null;
                if (b.tls()) {
                    if (!r.tlsEnabled) {
                        // ServerTls said so once for the whole server; repeat it per binding at debug only
                        LOG.debug("service {}: TLS is switched off, binding {} is not opened", name, b);
                        continue;
                    }
                    try {
                        secure = tls.listener(name, b, log, rejected::increment);
                    } catch (CertificateFileException e) {
                        LOG.error("service {}: binding {} is not opened: {}", name, b, e.getMessage());
                        log.summary("binding {} is not opened: {}", b, e.getMessage());
                        continue;
                    }
                    r.tlsListeners.add(secure);
                }
                Channel listener = bind(b, r, secure);
                r.listeners.add(listener);
                bound.add((InetSocketAddress) listener.localAddress());
            }
            r.listening = List.copyOf(bound);
        } catch (RuntimeException e) {
            close(r);
            state = ServiceState.FAILED;
            throw e;
        }
        r.startedAt = kernel.clock().instant();
        r.alerts = new AlertMonitor(name, r.startedAt, sessions.sum(), traffic.total());
        r.alertJob = kernel.scheduler()
                .scheduleAtFixedRate(
                        "alerts-" + name, Duration.ofMinutes(1), Duration.ofMinutes(1), this::evaluateAlerts);
        run = r;
        state = ServiceState.RUNNING;
        log.summary("service {} started, listening on {}", name, listening());
        LOG.info("service {} listening on {}", name, listening());
    }

    private Channel bind(Binding b, Run r, TlsListener tls) {
        InetSocketAddress address = Binding.ANY.equals(b.address())
                ? new InetSocketAddress(b.port())
                : new InetSocketAddress(literal(b.address()), b.port());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(kernel.acceptors(), kernel.workers())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Admission(r, tls));
        ChannelFuture f = bootstrap.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable cause = f.cause();
            throw new ServiceException(
                    name,
                    "cannot listen on " + b + ": " + (cause == null ? "unknown error" : cause.getMessage()),
                    cause);
        }
        return f.channel();
    }

    private static InetAddress literal(String address) {
        try {
            // Binding validated the text as an IP literal, so no name is looked up here.
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The effective bindings: the explicit ones, else each port on each "all services" address. */
    List<Binding> bindings() {
        return plannedBindings(config, allAddresses, factory);
    }

    /**
     * Where a service with this configuration listens: its explicit bindings, else each of its ports (or its type's
     * standard ports) on each "all services" address, with {@code 0.0.0.0} and {@code ::} together taken as the one
     * dual-stack wildcard.
     */
    public static List<Binding> plannedBindings(ServiceConfig c, ServerConfig server, ServiceFactory factory) {
        return plannedBindings(c, server.allAddresses(), factory);
    }

    private static List<Binding> plannedBindings(ServiceConfig c, List<String> all, ServiceFactory factory) {
        if (!c.bindings().isEmpty()) {
            return c.bindings();
        }
        List<Integer> ports = c.ports().isEmpty() ? factory.defaultPorts() : c.ports();
        List<String> addresses = all;
        if (addresses.contains("0.0.0.0") && (addresses.contains("::") || addresses.contains("0:0:0:0:0:0:0:0"))) {
            // a socket on :: already takes IPv4 too; binding 0.0.0.0 beside it would fail with "in use"
            addresses = new ArrayList<>(addresses);
            addresses.removeIf(a -> a.equals("0.0.0.0") || a.equals("::") || a.equals("0:0:0:0:0:0:0:0"));
            addresses.add(0, Binding.ANY);
        }
        List<Binding> out = new ArrayList<>();
        for (String address : addresses) {
            for (int port : ports) {
                out.add(Binding.plain(address, port));
            }
        }
        return out;
    }

    @Override
    public synchronized void stop() {
        requireNotEventLoop("stop");
        if (state == ServiceState.STOPPED || state == ServiceState.FAILED) {
            state = ServiceState.STOPPED;
            return;
        }
        state = ServiceState.STOPPING;
        Run r = run;
        run = null;
        if (r != null) {
            close(r);
        }
        state = ServiceState.STOPPED;
        log.summary("service {} stopped", name);
        LOG.info("service {} stopped", name);
    }

    private void close(Run r) {
        r.closed = true;
        if (r.alertJob != null) {
            r.alertJob.cancel();
        }
        for (Channel listener : r.listeners) {
            listener.close().awaitUninterruptibly();
        }
        r.connections.close().awaitUninterruptibly();
        for (TlsListener t : r.tlsListeners) {
            t.close();
        }
        try {
            r.protocol.close();
        } catch (RuntimeException e) {
            LOG.warn("service {}: protocol failed to close cleanly", name, e);
        }
        GlobalTrafficShapingHandler s = r.shaper;
        r.shaper = null;
        if (s != null) {
            s.release();
        }
    }

    private void requireNotEventLoop(String what) {
        if (kernel.inEventLoop()) {
            throw new IllegalStateException("service " + name + ": " + what
                    + "() waits for listeners and connections and must not be called from an event loop");
        }
    }

    @Override
    public synchronized void restart() {
        stop();
        start();
    }

    @Override
    public List<InetSocketAddress> listening() {
        Run r = run;
        return r == null ? List.of() : r.listening;
    }

    @Override
    public ServiceStats stats() {
        Run r = run;
        Duration running = r == null
                ? Duration.ZERO
                : Duration.between(r.startedAt, kernel.clock().instant());
        return new ServiceStats(
                name,
                type(),
                module(),
                state,
                running,
                listening(),
                current.get(),
                sessions.sum(),
                traffic.in.sum(),
                traffic.out.sum(),
                rejected.sum(),
                log.level(),
                r == null ? java.util.Map.of() : r.protocol.counters());
    }

    @Override
    public void setLogLevel(LogLevel level) {
        log.setLevel(level);
    }

    ActivityLog log() {
        return log;
    }

    // ---- configuration updates

    /** Whether going from the current configuration to {@code next} needs the listeners rebound. */
    boolean needsRestart(ServiceConfig next, ServerConfig server) {
        ServiceConfig c = config;
        return !c.type().equals(next.type())
                || !c.module().equals(next.module())
                || c.enabled() != next.enabled()
                || !c.ports().equals(next.ports())
                || !c.bindings().equals(next.bindings())
                || !c.options().equals(next.options())
                || !allAddresses.equals(server.allAddresses())
                || tlsSwitched(next, server);
    }

    /** Whether the global TLS switch moved since this service started and it has TLS bindings to open or close. */
    private boolean tlsSwitched(ServiceConfig next, ServerConfig server) {
        Run r = run;
        if (r == null || r.tlsEnabled == server.tls().enabled()) {
            return false;
        }
        return plannedBindings(next, server.allAddresses(), factory).stream().anyMatch(Binding::tls);
    }

    /** TLS as this service's protocol sees it. */
    ServiceTls tls() {
        return kernel.tls().service(name, log, rejected::increment);
    }

    /**
     * Applies a new configuration of this service in place: access rule, trusted IPs, limits and log level take effect
     * for the next connection. Listeners are not touched; {@link #needsRestart} says when they must be.
     *
     * @return whether anything changed
     */
    synchronized boolean update(ServiceConfig next, ServerConfig server) {
        ServiceConfig before = config;
        String beforeServerWide = serverWide;
        config = next;
        updateServerWide(server);
        if (!before.logging().equals(next.logging())) {
            log.setLevel(next.logging());
        }
        int kbps = next.limits().bandwidthKbps();
        Run r = run;
        if (r != null && kbps != before.limits().bandwidthKbps()) {
            GlobalTrafficShapingHandler s = r.shaper;
            if (s != null && kbps > 0) {
                s.configure(kbps * 1024L, kbps * 1024L);
            } else {
                r.shaper = newShaper(kbps);
                if (s != null) {
                    s.release();
                }
            }
        }
        // patterns and trusted IPs change the compiled rules even when this service's own text is the same
        return !before.equals(next) || !serverWide.equals(beforeServerWide);
    }

    private void updateServerWide(ServerConfig server) {
        this.serverWide = server.patternDefinitions() + "|" + server.trustedIps();
        this.allAddresses = server.allAddresses();
        this.access = server.accessRule(name);
        this.trusted = server.trusted();
        this.patterns = server.patterns();
    }

    /** The server's trusted IPs as currently configured. */
    AddressSet trusted() {
        return trusted;
    }

    /** The server's named patterns as currently configured. */
    org.icewarp.core.access.Patterns patterns() {
        return patterns;
    }

    private GlobalTrafficShapingHandler newShaper(int kbps) {
        if (kbps <= 0) {
            return null;
        }
        long bytes = kbps * 1024L;
        return new GlobalTrafficShapingHandler(kernel.workers().next(), bytes, bytes, SHAPING_INTERVAL_MS);
    }

    // ---- alerts

    void evaluateAlerts() {
        Run r = run;
        AlertMonitor monitor = r == null ? null : r.alerts;
        if (monitor == null) {
            return;
        }
        var limits = config.limits();
        for (ServiceAlert alert : monitor.sample(
                kernel.clock().instant(),
                sessions.sum(),
                traffic.total(),
                limits.alertConnectionsMultiplier(),
                limits.alertDataMultiplier())) {
            LOG.warn(
                    "service {}: {} rose to {} in the last minute against an average of {} (multiplier {})",
                    name,
                    alert.kind(),
                    alert.lastMinute(),
                    alert.fiveMinuteAverage(),
                    alert.multiplier());
            kernel.events().publish(alert);
        }
    }

    // ---- admission

    /** Admits or refuses each accepted connection before the protocol sees a byte. */
    private final class Admission extends ChannelInitializer<SocketChannel> {
        private final Run run;
        /** TLS in front of the protocol, or {@code null} on a plain binding. */
        private final TlsListener tls;

        Admission(Run run, TlsListener tls) {
            this.run = run;
            this.tls = tls;
        }

        @Override
        protected void initChannel(SocketChannel ch) {
            InetAddress remote = ch.remoteAddress().getAddress();
            ServiceProtocol p = run.protocol;
            if (run.closed) {
                ch.close();
                return;
            }
            if (!access.permits(remote)) {
                refuse(ch, p, Refusal.ACCESS_DENIED, remote);
                return;
            }
            if (!acquire(config.limits().maxIncoming())) {
                refuse(ch, p, Refusal.TOO_MANY_CONNECTIONS, remote);
                return;
            }
            sessions.increment();
            ch.closeFuture().addListener(f -> {
                current.decrementAndGet();
                log.summary("{} disconnected", remote.getHostAddress());
            });
            run.connections.add(ch); // closes ch if the run closed meanwhile
            ch.pipeline().addLast("icewarp-traffic", traffic);
            GlobalTrafficShapingHandler s = run.shaper;
            if (s != null && !trusted.contains(remote)) {
                ch.pipeline().addLast("icewarp-bandwidth", s);
            }
            log.summary("{} connected to {}", remote.getHostAddress(), ch.localAddress());
            try {
                if (tls != null) {
                    tls.install(ch);
                }
                p.initChannel(ch);
            } catch (RuntimeException e) {
                LOG.error("service {}: protocol failed to set up a connection from {}", name, remote, e);
                ch.close();
            }
        }

        private boolean acquire(int max) {
            while (true) {
                int n = current.get();
                if (max > 0 && n >= max) {
                    return false;
                }
                if (current.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        private void refuse(SocketChannel ch, ServiceProtocol p, Refusal why, InetAddress remote) {
            rejected.increment();
            log.summary("{} refused: {}", remote.getHostAddress(), why);
            Optional<String> text;
            if (tls != null) {
                // a TLS client cannot read words sent in the clear: just close
                ch.close();
                return;
            }
            try {
                text = p.refusal(why);
            } catch (RuntimeException e) {
                LOG.error("service {}: protocol failed to word a refusal", name, e);
                text = Optional.empty();
            }
            if (text.isPresent()) {
                ch.writeAndFlush(Unpooled.copiedBuffer(text.get(), StandardCharsets.US_ASCII))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                ch.close();
            }
        }
    }
}
