package org.icewarp.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.icewarp.core.config.ConfigLoader;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.event.EventBus;
import org.icewarp.core.event.ServerStarted;
import org.icewarp.core.event.ServerStopped;
import org.icewarp.core.event.SettingsChanged;
import org.icewarp.core.event.SettingsRejected;
import org.icewarp.core.internal.AsyncEventBus;
import org.icewarp.core.internal.ConfigWatcher;
import org.icewarp.core.internal.DefaultServiceRegistry;
import org.icewarp.core.internal.Kernel;
import org.icewarp.core.internal.Storage;
import org.icewarp.core.schedule.Scheduler;
import org.icewarp.core.service.ServiceException;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceRegistry;
import org.icewarp.core.tls.CertificateProvider;
import org.icewarp.core.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server an application embeds: configuration, the services found on the class path, and the kernel that runs
 * them.
 *
 * <pre>{@code
 * try (IceWarpServer server = IceWarpServer.builder()
 *         .config(ServerConfig.builder()
 *                 .service(ServiceConfig.builder("daytime").ports(0).build())
 *                 .build())
 *         .build()) {
 *     server.start();
 *     int port = server.services().require("daytime").listening().get(0).getPort();
 *     ...
 * }
 * }</pre>
 *
 * <p>Service types are found with {@link ServiceLoader} ({@link ServiceFactory}) and from {@link
 * Builder#serviceFactory}. A server built from a configuration file watches it and applies changes while running;
 * an invalid file is rejected, logged and announced as {@link SettingsRejected}, and the running configuration stays.
 *
 * <p>{@link #start()} and {@link #stop()} may alternate; {@link #close()} stops for good. Thread-safe.
 */
public final class IceWarpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IceWarpServer.class);

    private final Optional<Path> configFile;
    private final ServerConfig initialConfig;
    /** As configured; {@code null} for a temporary directory made at start and removed at stop. */
    private final Path configuredDataDirectory;

    private volatile Path dataDirectory;
    private final Clock clock;
    private final int ioThreads;
    private final int blockingThreads;
    private final int blockingQueue;
    private final Map<String, ServiceFactory> factories;
    private final ClassLoader classLoader;
    private final List<CertificateProvider> extraCertificateProviders;

    private final AsyncEventBus events = new AsyncEventBus();
    /** Serialises reading and applying configuration, so an older file can never be applied after a newer one. */
    private final Object reloadLock = new Object();

    private Kernel kernel;
    private DefaultServiceRegistry registry;
    private volatile ServerConfig config;
    private ConfigWatcher watcher;
    private Scheduler.ScheduledJob watchJob;
    private Duration watchedEvery = Duration.ZERO;
    private boolean closed;

    private IceWarpServer(Builder b) {
        this.configFile = Optional.ofNullable(b.configFile);
        this.initialConfig = b.config;
        this.configuredDataDirectory = b.dataDirectory;
        this.clock = b.clock;
        this.ioThreads = b.ioThreads;
        this.blockingThreads = b.blockingThreads;
        this.blockingQueue = b.blockingQueue;
        this.factories = discover(b);
        this.classLoader = b.classLoader;
        this.extraCertificateProviders = List.copyOf(b.certificateProviders);
    }

    /** The certificate providers asked before the server's own: those found by ServiceLoader, then those in code. */
    private List<CertificateProvider> certificateProviders() {
        List<CertificateProvider> out = new java.util.ArrayList<>();
        for (CertificateProvider p : ServiceLoader.load(CertificateProvider.class, classLoader)) {
            out.add(p);
        }
        out.addAll(extraCertificateProviders);
        return out;
    }

    private static Map<String, ServiceFactory> discover(Builder b) {
        Map<String, ServiceFactory> found = new LinkedHashMap<>();
        for (ServiceFactory f : ServiceLoader.load(ServiceFactory.class, b.classLoader)) {
            add(found, f);
        }
        for (ServiceFactory f : b.extraFactories) {
            add(found, f);
        }
        return found;
    }

    private static void add(Map<String, ServiceFactory> found, ServiceFactory f) {
        ServiceFactory before = found.putIfAbsent(f.type(), f);
        if (before != null && before.getClass() != f.getClass()) {
            throw new IllegalStateException("two service factories claim type '" + f.type() + "': "
                    + before.getClass().getName() + " and " + f.getClass().getName());
        }
    }

    /** A builder; with no options the server runs every service type at its defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the configuration (from the file, if the server has one), binds every enabled service and starts watching
     * the file.
     *
     * @throws ConfigurationException naming the key and value when the configuration is invalid
     * @throws ServiceException when a service cannot start; nothing stays running
     * @throws IllegalStateException when already running or closed
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the server is closed");
        }
        if (kernel != null) {
            throw new IllegalStateException("the server is already running");
        }
        ServerConfig effective = DefaultServiceRegistry.effective(readConfig(), factories);
        Storage storage = Storage.open(effective, clock, classLoader);
        try {
            dataDirectory = configuredDataDirectory != null ? configuredDataDirectory : temporaryDataDirectory();
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        kernel = new Kernel(clock, dataDirectory, events, storage, ioThreads, blockingThreads, blockingQueue);
        try {
            kernel.useTls(ServerTls.start(effective.tls(), kernel.tlsEnvironment(), certificateProviders()));
            kernel.authenticator(org.icewarp.core.auth.Authenticator.builder(storage.accounts())
                    .settings(effective.auth())
                    .credentials(org.icewarp.core.auth.CredentialService.create(effective.passwords()))
                    .directory(effective.directoryBind())
                    .sasl(effective.sasl())
                    .trusted(effective.trusted())
                    .clock(clock)
                    .build());
            registry = new DefaultServiceRegistry(kernel, factories, effective);
            registry.startEnabled();
        } catch (RuntimeException e) {
            kernel.close();
            kernel = null;
            registry = null;
            removeTemporaryDataDirectory();
            throw e;
        }
        config = effective;
        configFile.ifPresent(this::watch);
        events.publish(new ServerStarted(clock.instant()));
        LOG.info("server started with services {}", runningNames());
    }

    private List<String> runningNames() {
        return registry.services().stream()
                .filter(s -> s.state() == org.icewarp.core.service.ServiceState.RUNNING)
                .map(s -> s.name())
                .toList();
    }

    private ServerConfig readConfig() {
        if (configFile.isEmpty()) {
            return initialConfig;
        }
        return ConfigLoader.forFile(configFile.get())
                .knownServices(enabledByDefault())
                .load();
    }

    private Map<String, Boolean> enabledByDefault() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        factories.forEach((type, f) -> out.put(type, f.enabledByDefault()));
        return out;
    }

    private void watch(Path file) {
        watcher = new ConfigWatcher(file);
        scheduleWatch(file, config.reloadInterval());
    }

    /** (Re)arms the file check at {@code every}; called at start and when a reload changes the interval. */
    private void scheduleWatch(Path file, Duration every) {
        if (watchJob != null) {
            watchJob.cancel();
            watchJob = null;
        }
        watchedEvery = every;
        if (every.isZero()) {
            return;
        }
        watchJob = kernel.scheduler().scheduleAtFixedRate("config-reload", every, every, () -> {
            if (watcher.changed()) {
                LOG.info("configuration file {} changed; reloading", file);
                try {
                    reload();
                } catch (ConfigurationException e) {
                    // reload() has logged and announced it
                }
            }
        });
    }

    /**
     * Reads the configuration file again and applies it. Services whose listeners change restart; the others get
     * their access rule, limits and log level in place.
     *
     * @throws ConfigurationException when the file is invalid; the running configuration stays
     * @throws IllegalStateException when not running or without a configuration file
     */
    public void reload() {
        Path file = configFile.orElseThrow(() -> new IllegalStateException("the server has no configuration file"));
        synchronized (reloadLock) {
            ConfigWatcher w = watcher;
            if (w != null) {
                // note the file's state before reading it: an edit after this point is still seen as a change
                w.changed();
            }
            ServerConfig next;
            try {
                next = DefaultServiceRegistry.effective(readConfig(), factories);
            } catch (ConfigurationException e) {
                reject(file, e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                // a value the schema let through but the model refused: still the file's fault, still rejected
                ConfigurationException c = new ConfigurationException(file.toString(), null, e.toString(), e);
                reject(file, c.getMessage());
                throw c;
            }
            try {
                apply(next);
            } catch (ConfigurationException e) {
                reject(file, e.getMessage());
                throw e;
            }
        }
    }

    private void reject(Path file, String reason) {
        LOG.error("configuration {} rejected, the running configuration stays: {}", file, reason);
        events.publish(new SettingsRejected(clock.instant(), file.toString(), reason));
    }

    /**
     * Replaces the configuration of the running server, as a reload of the file would.
     *
     * @throws ConfigurationException when a configured service type does not exist; nothing changes
     */
    public synchronized void apply(ServerConfig next) {
        Objects.requireNonNull(next, "next");
        requireRunning();
        ServerConfig effective = DefaultServiceRegistry.effective(next, factories);
        ServerConfig running = config;
        if (!effective.accounts().equals(running.accounts())
                || !effective.mailboxes().equals(running.mailboxes())
                || !effective.queue().equals(running.queue())) {
            LOG.warn(
                    "system.storage changed; stores are opened at start, so the change takes effect at the next start");
            effective = effective.toBuilder()
                    .accounts(running.accounts())
                    .mailboxes(running.mailboxes())
                    .queue(running.queue())
                    .build();
        }
        // first: it may refuse the new settings (an engine that cannot load) before anything changed
        kernel.tls().apply(effective.tls());
        if (!effective.auth().equals(running.auth())
                || !effective.passwords().equals(running.passwords())
                || !effective.directoryBind().equals(running.directoryBind())) {
            // the authentication log level applies at once; the rest when the authenticator is built, at start
            kernel.authenticator().log().setLevel(effective.auth().logLevel());
            if (!effective.auth().toBuilder()
                            .logLevel(running.auth().logLevel())
                            .build()
                            .equals(running.auth())
                    || !effective.passwords().equals(running.passwords())
                    || !effective.directoryBind().equals(running.directoryBind())) {
                LOG.warn("system.auth changed; apart from system.auth.logging it takes effect at the next start");
            }
            effective = effective.toBuilder()
                    .auth(running.auth().toBuilder()
                            .logLevel(effective.auth().logLevel())
                            .build())
                    .passwords(running.passwords())
                    .directoryBind(running.directoryBind())
                    .build();
        }
        if (!effective.sasl().equals(running.sasl())) {
            // the authenticator (realm map, token verifier) is built at start
            LOG.warn("system.advanced.sasl changed; it takes effect at the next start");
            effective = effective.toBuilder().sasl(running.sasl()).build();
        }
        DefaultServiceRegistry.Changes changes = registry.apply(effective);
        config = changes.applied();
        if (watcher != null && !config.reloadInterval().equals(watchedEvery)) {
            scheduleWatch(configFile.orElseThrow(), config.reloadInterval());
        }
        LOG.info("configuration applied: restarted {}, updated {}", changes.restarted(), changes.updated());
        for (ServiceException failure : changes.failures()) {
            String what = changes.reverted().contains(failure.service()) ? "; it keeps its previous configuration" : "";
            events.publish(new SettingsRejected(
                    clock.instant(),
                    configFile.map(Path::toString).orElse("(configuration in code)"),
                    failure.getMessage() + what));
        }
        if (!changes.restarted().isEmpty() || !changes.updated().isEmpty()) {
            events.publish(new SettingsChanged(clock.instant(), changes.restarted(), changes.updated()));
        }
    }

    /** Stops every service and releases threads; the server may be started again. Does nothing when not running. */
    public synchronized void stop() {
        if (kernel == null) {
            return;
        }
        if (kernel.inEventLoop()) {
            throw new IllegalStateException(
                    "stop() waits for the event loops to end and must not be called from one of them; "
                            + "hand it to another thread");
        }
        registry.stopAll();
        events.publish(new ServerStopped(clock.instant()));
        kernel.close();
        kernel = null;
        watchJob = null;
        watcher = null;
        removeTemporaryDataDirectory();
        LOG.info("server stopped");
    }

    /** Stops the server for good. */
    @Override
    public synchronized void close() {
        stop();
        closed = true;
        events.close();
    }

    /** Whether the server is running. */
    public synchronized boolean isRunning() {
        return kernel != null;
    }

    /**
     * The services of the running server.
     *
     * @throws IllegalStateException when not running
     */
    public synchronized ServiceRegistry services() {
        requireRunning();
        return registry;
    }

    /**
     * The server's event bus. It exists from {@link Builder#build()} to {@link #close()}, across stops and starts, so
     * subscribing before {@link #start()} sees {@link ServerStarted}.
     */
    public EventBus events() {
        return events;
    }

    /**
     * The TLS of the running server: certificate choice, CA store, policy.
     *
     * @throws IllegalStateException when not running
     */
    public synchronized ServerTls tls() {
        requireRunning();
        return kernel.tls();
    }

    /**
     * The authenticator of the running server ({@code system.auth}), for embedders that check logins of their own
     * (an API, a web front end) through the same policy, lock-out and log.
     *
     * @throws IllegalStateException when not running
     */
    public synchronized org.icewarp.core.auth.Authenticator authenticator() {
        requireRunning();
        return kernel.authenticator();
    }

    /**
     * The account store of the running server ({@code system.storage.accounts}): create domains and accounts here, and
     * set passwords through {@link #authenticator()}'s credentials. Its methods may block.
     *
     * @throws IllegalStateException when not running
     */
    public synchronized org.icewarp.storage.AccountStore accounts() {
        requireRunning();
        return kernel.storage().accounts();
    }

    /**
     * The mailbox store of the running server ({@code system.storage.mailboxes}). Its methods may block.
     *
     * @throws IllegalStateException when not running
     */
    public synchronized org.icewarp.storage.MailboxStore mailboxes() {
        requireRunning();
        return kernel.storage().mailboxes();
    }

    /**
     * The outgoing queue of the running server ({@code system.storage.queue}). Its methods may block.
     *
     * @throws IllegalStateException when not running
     */
    public synchronized org.icewarp.storage.QueueStore queue() {
        requireRunning();
        return kernel.storage().queue();
    }

    /** The scheduler of the running server. */
    public synchronized Scheduler scheduler() {
        requireRunning();
        return kernel.scheduler();
    }

    /** The configuration in force, with every service type completed at its defaults. */
    public ServerConfig config() {
        ServerConfig c = config;
        if (c == null) {
            throw new IllegalStateException("the server has not been started");
        }
        return c;
    }

    /** The configuration file, if the server was built from one. */
    public Optional<Path> configFile() {
        return configFile;
    }

    /**
     * The data directory (temporary service folders now; mail, queue and logs as modules use it): the configured one,
     * or, without one, a temporary directory made at start and deleted at stop.
     *
     * @throws IllegalStateException when none is configured and the server has not started
     */
    public Path dataDirectory() {
        Path d = dataDirectory != null ? dataDirectory : configuredDataDirectory;
        if (d == null) {
            throw new IllegalStateException("no data directory is configured and the server has not started");
        }
        return d;
    }

    private static Path temporaryDataDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("icewarp-data-");
        } catch (java.io.IOException e) {
            throw new ServiceException("server", "cannot create a temporary data directory: " + e, e);
        }
    }

    private void removeTemporaryDataDirectory() {
        Path d = dataDirectory;
        if (configuredDataDirectory != null || d == null) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(d)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            LOG.warn("could not remove the temporary data directory {}: {}", d, e.toString());
        }
        dataDirectory = null;
    }

    /** The service types found, by type name. */
    public List<String> serviceTypes() {
        return List.copyOf(factories.keySet());
    }

    private void requireRunning() {
        if (kernel == null) {
            throw new IllegalStateException("the server is not running");
        }
    }

    /** Builds an {@link IceWarpServer}; each option is validated when set. */
    public static final class Builder {
        private ServerConfig config = ServerConfig.defaults();
        private Path configFile;
        private Path dataDirectory;
        private Clock clock = Clock.systemUTC();
        private int ioThreads;
        private int blockingThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private int blockingQueue = 10_000;
        private ClassLoader classLoader = IceWarpServer.class.getClassLoader();
        private final java.util.List<ServiceFactory> extraFactories = new java.util.ArrayList<>();
        private final java.util.List<CertificateProvider> certificateProviders = new java.util.ArrayList<>();

        private Builder() {}

        /** The configuration, built in code; default: every service type at its defaults. */
        public Builder config(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            this.configFile = null;
            return this;
        }

        /** A YAML configuration file, read at start and watched for changes while running. */
        public Builder configFile(Path file) {
            this.configFile = Objects.requireNonNull(file, "configFile");
            return this;
        }

        /**
         * The data directory; default: a temporary directory made at each start and deleted at stop, so an embedded
         * server never writes into the working directory unasked.
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory =
                    Objects.requireNonNull(directory, "dataDirectory").toAbsolutePath();
            return this;
        }

        /** The clock every component takes time from; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Event loop threads for connections; default 0, Netty's choice (twice the cores). */
        public Builder ioThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("ioThreads must not be negative, was " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /** Threads for blocking work (storage, DNS, hashing); default twice the cores, at least 4. */
        public Builder blockingThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("blockingThreads must be at least 1, was " + threads);
            }
            this.blockingThreads = threads;
            return this;
        }

        /** Blocking tasks queued before new ones are rejected; default 10,000. */
        public Builder blockingQueue(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("blockingQueue must be at least 1, was " + capacity);
            }
            this.blockingQueue = capacity;
            return this;
        }

        /** The class loader searched for {@link ServiceFactory} implementations. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "classLoader");
            return this;
        }

        /** Adds a service type without {@code META-INF/services} (tests, or types created in code). */
        public Builder serviceFactory(ServiceFactory factory) {
            extraFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Adds a certificate provider without {@code META-INF/services}; providers are asked in the order added,
         * after those found by {@link ServiceLoader} and before the server's own.
         */
        public Builder certificateProvider(CertificateProvider provider) {
            certificateProviders.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Builds the server (nothing is bound until {@link IceWarpServer#start()}).
         *
         * @throws IllegalStateException when two service factories claim the same type
         */
        public IceWarpServer build() {
            return new IceWarpServer(this);
        }
    }
}
