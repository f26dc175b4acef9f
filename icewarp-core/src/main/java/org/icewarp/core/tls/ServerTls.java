package org.icewarp.core.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.icewarp.core.config.Binding;
import org.icewarp.core.config.TlsSettings;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.core.schedule.Scheduler.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of a running server: the policy (versions, ciphers, engine), the certificate providers ending with the
 * configured files and the {@code [Default]} certificate, the CA store, and the job that reloads changed certificate
 * files. Created by the server at start ({@link #start}) and closed at stop; services reach it through their bindings
 * ({@link #listener}) and {@code ServiceContext.tls()} ({@link #service}).
 *
 * <p>Thread-safe. {@link #select} runs on event loops and only reads immutable snapshots.
 */
public final class ServerTls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    /** The pipeline name of the TLS handler (SNI handler until the client hello, then the SSL handler). */
    public static final String HANDLER_NAME = "icewarp-tls";

    private final CertificateProvider.Environment environment;
    private final List<CertificateProvider> providers;
    private final FileCertificates files;
    private final CaStore caStore;
    private final Set<WatchedFile<?>> bindingFiles = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean polling = new AtomicBoolean();

    private volatile TlsSettings settings;
    private volatile TlsPolicy policy;
    private volatile CaStore.Snapshot caSnapshot;
    private volatile TlsPolicy.Trust caTrust;
    private ScheduledJob pollJob;

    private ServerTls(
            TlsSettings settings, CertificateProvider.Environment environment, List<CertificateProvider> providers) {
        this.environment = environment;
        this.providers = List.copyOf(providers);
        this.settings = settings;
        this.policy = TlsPolicy.of(settings);
        Path data = environment.dataDirectory();
        this.caStore = CaStore.open(
                settings.caDirectory().isEmpty()
                        ? data.resolve("config").resolve("ca")
                        : data.resolve(settings.caDirectory()));
        this.files = new FileCertificates(data, environment.clock(), settings);
        refreshCaTrust();
    }

    /**
     * Starts the server's TLS: reads (or makes) the certificates, opens the CA store, starts the providers and the
     * reload job. Blocks (files, key generation).
     *
     * @param providers the extra providers, asked in this order before the server's own
     * @throws org.icewarp.core.config.ConfigurationException when the engine {@code openssl} is asked for and cannot
     *     be loaded
     */
    public static ServerTls start(
            TlsSettings settings, CertificateProvider.Environment environment, List<CertificateProvider> providers) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(environment, "environment");
        ServerTls tls = new ServerTls(settings, environment, providers);
        for (CertificateProvider p : tls.providers) {
            p.start(environment);
        }
        tls.schedule(settings.reloadInterval());
        tls.announce();
        return tls;
    }

    private void announce() {
        if (!settings.enabled()) {
            LOG.warn("TLS is switched off (system.advanced.protocol.tls.enabled: false): TLS bindings are not opened"
                    + " and STARTTLS is not offered");
        } else {
            LOG.info(
                    "TLS on: {} with engine {}, default certificate {}",
                    settings.protocols(),
                    policy.provider(),
                    files.defaultCertificate());
        }
    }

    private synchronized void schedule(Duration every) {
        if (pollJob != null) {
            pollJob.cancel();
            pollJob = null;
        }
        if (!every.isZero()) {
            pollJob = environment.scheduler().scheduleAtFixedRate("tls-files", every, every, () -> {
                if (!polling.compareAndSet(false, true)) {
                    return; // the previous check is still reading files
                }
                try {
                    environment.blockingExecutor().execute(() -> {
                        try {
                            poll();
                        } finally {
                            polling.set(false);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    polling.set(false);
                }
            });
        }
    }

    /** Checks every certificate file and the CA store now, loading what changed. Blocks. */
    public void poll() {
        files.poll();
        for (WatchedFile<?> w : bindingFiles) {
            w.poll();
        }
        if (caStore.rescan()) {
            LOG.info(
                    "CA store {} changed: {} certificates",
                    caStore.directory(),
                    caStore.list().size());
        }
        refreshCaTrust();
    }

    private synchronized void refreshCaTrust() {
        CaStore.Snapshot s = caStore.snapshot();
        if (s != caSnapshot) {
            caSnapshot = s;
            caTrust = new TlsPolicy.Trust(caStore.certificates(), "the CA store " + caStore.directory());
        }
    }

    /**
     * Applies new settings: policy and certificates take effect for new connections. Changing the global switch is
     * logged here; the services with TLS bindings restart to open or close them.
     *
     * @throws org.icewarp.core.config.ConfigurationException when the new engine cannot be loaded; nothing changes
     */
    public synchronized void apply(TlsSettings next) {
        TlsPolicy nextPolicy = TlsPolicy.of(next);
        TlsSettings before = settings;
        if (before.equals(next)) {
            return;
        }
        files.configure(next);
        policy = nextPolicy;
        settings = next;
        if (!before.reloadInterval().equals(next.reloadInterval())) {
            schedule(next.reloadInterval());
        }
        if (before.enabled() != next.enabled()) {
            announce();
        }
    }

    /** Whether TLS is switched on. */
    public boolean enabled() {
        return settings.enabled();
    }

    /** The settings in force. */
    public TlsSettings settings() {
        return settings;
    }

    /** The engine in force: {@code OPENSSL} or {@code JDK}. */
    public String engine() {
        return policy.provider().name();
    }

    /** The CA store. */
    public CaStore caStore() {
        return caStore;
    }

    /** The {@code [Default]} certificate in force. */
    public ServerCertificate defaultCertificate() {
        return files.defaultCertificate();
    }

    /** Asks the providers in turn, the server's own last; never empty. Does not block. */
    public ServerCertificate select(CertificateRequest request) {
        for (CertificateProvider p : providers) {
            try {
                var answer = p.select(request);
                if (answer != null && answer.isPresent()) {
                    return answer.get();
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "certificate provider {} failed for {}; asking the next",
                        p.getClass().getName(),
                        request,
                        e);
            }
        }
        return files.select(request).orElseThrow();
    }

    TlsPolicy policy() {
        return policy;
    }

    TlsPolicy.Trust caTrust() {
        return caTrust;
    }

    void unwatch(WatchedFile<?> w) {
        bindingFiles.remove(w);
    }

    /**
     * TLS for one binding. Reads the binding's certificate and CA file (when it names them) now, and watches them.
     *
     * @param onRefused called for each connection refused during the handshake (counted by the service)
     * @throws CertificateFileException when the binding's certificate or CA file cannot be used: the binding must not
     *     open
     * @throws IllegalArgumentException when the binding is not a TLS binding
     */
    public TlsListener listener(String service, Binding binding, ActivityLog log, Runnable onRefused) {
        if (!binding.tls()) {
            throw new IllegalArgumentException("binding " + binding + " is not a TLS binding");
        }
        String label = "binding " + binding + " of service " + service;
        Path data = environment.dataDirectory();
        WatchedFile<ServerCertificate> certificate = null;
        WatchedFile<TlsPolicy.Trust> caFile = null;
        if (!binding.certificate().isEmpty()) {
            Path file = data.resolve(binding.certificate());
            certificate = new WatchedFile<>(
                    "the certificate of " + label,
                    List.of(file),
                    () -> ServerCertificate.load(file, environment.clock().instant()),
                    () -> {});
        }
        if (binding.requirePeerCertificate() && !binding.caFile().isEmpty()) {
            Path file = data.resolve(binding.caFile());
            caFile = new WatchedFile<>(
                    "the CA file of " + label,
                    List.of(file),
                    () -> new TlsPolicy.Trust(CaStore.readCertificates(file), file.toString()),
                    () -> {});
        }
        if (binding.requirePeerCertificate()
                && binding.caFile().isEmpty()
                && caStore.list().isEmpty()) {
            LOG.warn(
                    "{} requires client certificates but the CA store {} is empty: every client will be refused",
                    label,
                    caStore.directory());
        }
        List<WatchedFile<?>> watched = new ArrayList<>();
        if (certificate != null) {
            watched.add(certificate);
        }
        if (caFile != null) {
            watched.add(caFile);
        }
        bindingFiles.addAll(watched);
        return new TlsListener(this, service, log, onRefused, certificate, caFile, binding.requirePeerCertificate());
    }

    /** TLS as the protocol of one service sees it (STARTTLS). */
    public ServiceTls service(String service, ActivityLog log, Runnable onRefused) {
        return new StartTls(this, service, log, onRefused);
    }

    /** Stops the reload job and closes the providers. */
    @Override
    public synchronized void close() {
        if (pollJob != null) {
            pollJob.cancel();
            pollJob = null;
        }
        for (CertificateProvider p : providers) {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.warn("certificate provider {} failed to close", p.getClass().getName(), e);
            }
        }
    }
}
