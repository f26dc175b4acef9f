package org.icewarp.core.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icewarp.core.config.CertificateEntry;
import org.icewarp.core.config.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own provider: the {@code [Default]} certificate and the configured server certificate list, each file
 * watched, indexed by {@link CertificateIndex}. Always answers, so it is the last of the chain. An entry whose file
 * cannot be used at start is logged and left out; one that breaks later keeps its previous certificate.
 */
final class FileCertificates implements CertificateProvider {
    private static final Logger LOG = LoggerFactory.getLogger(FileCertificates.class);

    private final Path dataDirectory;
    private final Clock clock;
    private WatchedFile<ServerCertificate> defaultFile;
    /** Configured entries by their configuration, so that a reload keeps the unchanged ones as they are. */
    private Map<CertificateEntry, WatchedFile<ServerCertificate>> entries = new LinkedHashMap<>();

    private volatile CertificateIndex index;

    FileCertificates(Path dataDirectory, Clock clock, TlsSettings settings) {
        this.dataDirectory = dataDirectory;
        this.clock = clock;
        configure(settings);
    }

    /** Applies a (new) certificate configuration: new entries are loaded, removed ones dropped. */
    synchronized void configure(TlsSettings settings) {
        String configured = settings.defaultCertificate();
        Path generated = dataDirectory.resolve("config").resolve(DefaultCertificate.FILE_NAME);
        Path wanted = configured.isEmpty() ? generated : resolve(configured);
        if (defaultFile == null || !defaultFile.files().equals(List.of(wanted))) {
            if (configured.isEmpty()) {
                defaultFile = new WatchedFile<>(
                        "the [Default] certificate",
                        List.of(generated),
                        () -> DefaultCertificate.loadOrCreate(generated, clock.instant()),
                        this::reindex);
            } else {
                try {
                    defaultFile = new WatchedFile<>(
                            "the [Default] certificate",
                            List.of(wanted),
                            () -> ServerCertificate.load(wanted, clock.instant()),
                            this::reindex);
                } catch (CertificateFileException e) {
                    LOG.error(
                            "the [Default] certificate (system.certificates.default) cannot be used: {}; {}",
                            e.getMessage(),
                            defaultFile == null ? "using the generated one" : "keeping the previous one");
                    if (defaultFile == null) {
                        defaultFile = new WatchedFile<>(
                                "the [Default] certificate",
                                List.of(generated),
                                () -> DefaultCertificate.loadOrCreate(generated, clock.instant()),
                                this::reindex);
                    }
                }
            }
        }
        Map<CertificateEntry, WatchedFile<ServerCertificate>> next = new LinkedHashMap<>();
        for (CertificateEntry e : settings.certificates()) {
            WatchedFile<ServerCertificate> w = entries.get(e);
            if (w == null) {
                w = load(e);
            }
            if (w != null) {
                next.put(e, w);
            }
        }
        entries = next;
        reindex();
    }

    private WatchedFile<ServerCertificate> load(CertificateEntry e) {
        Path file = resolve(e.file());
        String label = "server certificate " + (e.ip().isEmpty() ? "(SNI) " : "for " + e.ip() + " ") + file;
        try {
            if (e.keyFile().isEmpty()) {
                return new WatchedFile<>(
                        label, List.of(file), () -> ServerCertificate.load(file, clock.instant()), this::reindex);
            }
            Path key = resolve(e.keyFile());
            return new WatchedFile<>(
                    label, List.of(key, file), () -> ServerCertificate.load(key, file, clock.instant()), this::reindex);
        } catch (CertificateFileException ex) {
            LOG.error("{} is not used: {}", label, ex.getMessage());
            return null;
        }
    }

    Path resolve(String file) {
        return dataDirectory.resolve(file);
    }

    private synchronized void reindex() {
        if (defaultFile == null) {
            return; // still configuring
        }
        Map<InetAddress, ServerCertificate> byAddress = new LinkedHashMap<>();
        List<ServerCertificate> byName = new ArrayList<>();
        for (Map.Entry<CertificateEntry, WatchedFile<ServerCertificate>> e : entries.entrySet()) {
            String ip = e.getKey().ip();
            if (ip.isEmpty()) {
                byName.add(e.getValue().value());
            } else {
                byAddress.putIfAbsent(literal(ip), e.getValue().value());
            }
        }
        index = new CertificateIndex(defaultFile.value(), byAddress, byName);
    }

    private static InetAddress literal(String ip) {
        try {
            // validated as a literal by CertificateEntry: no name is looked up
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks every watched file; changes re-index. */
    void poll() {
        List<WatchedFile<ServerCertificate>> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            all.add(defaultFile);
        }
        for (WatchedFile<ServerCertificate> w : all) {
            w.poll();
        }
    }

    ServerCertificate defaultCertificate() {
        return index.defaultCertificate();
    }

    @Override
    public Optional<ServerCertificate> select(CertificateRequest request) {
        return index.select(request);
    }
}
