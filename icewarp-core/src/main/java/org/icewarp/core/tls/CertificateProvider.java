package org.icewarp.core.tls;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.icewarp.core.schedule.Scheduler;

/**
 * The SPI that chooses the key and chain for a new TLS connection. Implementations are found with {@link
 * java.util.ServiceLoader} (list the class in {@code META-INF/services/org.icewarp.core.tls.CertificateProvider}) or
 * added in code ({@code IceWarpServer.Builder.certificateProvider}). The server asks them in turn; the first that
 * answers wins, and the server's own provider (the configured certificate files and the {@code [Default]}
 * certificate) always answers last, so every connection gets a certificate.
 *
 * <p>Call order: {@link #start} once when the server starts, then {@link #select} for each TLS connection, then
 * {@link #close} when the server stops. {@link #select} runs on a connection's event loop: it must not block (no
 * files, no network); load keys in {@link #start} or on {@link Environment#blockingExecutor()}. An exception thrown
 * by {@link #select} is logged and counts as no answer.
 */
public interface CertificateProvider {

    /**
     * Chooses a certificate.
     *
     * @return the certificate, or empty to let the next provider choose
     */
    Optional<ServerCertificate> select(CertificateRequest request);

    /** Called once when the server starts, on a thread that may block. */
    default void start(Environment environment) {}

    /** Called once when the server stops. */
    default void close() {}

    /** What the server offers a provider. */
    interface Environment {
        /** The server's data directory. */
        Path dataDirectory();

        /** The server's clock. */
        Clock clock();

        /** The server's scheduler, for periodic renewal or file checks. */
        Scheduler scheduler();

        /** The kernel's bounded executor for blocking work. */
        Executor blockingExecutor();
    }

    /**
     * The stock selection of the seed's "Server Certificates", as an immutable provider: a certificate bound to the
     * local address wins; otherwise, when the client sent a server name, the most specific certificate among {@code
     * byName} whose DNS names (subject alternative names and common name) match it (an exact name beats a wildcard,
     * and a wildcard {@code *.example.com} matches exactly one label); otherwise {@code defaultCertificate}. Lookups
     * are hash lookups (by exact name, then by the parent domain for wildcards), not a scan. Where two certificates
     * claim the same name, the one valid longest wins, then the earlier in the list.
     *
     * @param defaultCertificate the {@code [Default]} certificate, the answer when nothing else matches
     * @param byAddress certificates bound to local addresses
     * @param byName certificates chosen by SNI
     */
    static CertificateProvider of(
            ServerCertificate defaultCertificate,
            Map<InetAddress, ServerCertificate> byAddress,
            List<ServerCertificate> byName) {
        return new CertificateIndex(defaultCertificate, byAddress, byName);
    }
}
