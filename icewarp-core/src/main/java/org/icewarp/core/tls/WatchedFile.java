package org.icewarp.core.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value loaded from one or more files and loaded again when they change. Polled (by the server's certificate check
 * job): a change is a different modification time or size and then a different SHA-256 of the content, so a file
 * rewritten with the same bytes, or touched, is no change. A change that cannot be loaded is logged and the previous
 * value stays.
 *
 * <p>Polling rather than a {@link java.nio.file.WatchService}: it sees a certificate replaced through a symbolic link
 * (Kubernetes secrets, certbot's {@code live/} links), works on network file systems, and costs two {@code stat}s per
 * file per interval.
 */
final class WatchedFile<T> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedFile.class);

    private final String label;
    private final List<Path> files;
    private final Supplier<T> loader;
    private final Runnable onChange;
    private volatile T value;
    private long[] stamps;
    private byte[] digest;

    /**
     * Loads the value now.
     *
     * @param label what the value is, for log lines ("the certificate of binding 127.0.0.1:993 of service imap")
     * @throws CertificateFileException when the first load fails
     */
    WatchedFile(String label, List<Path> files, Supplier<T> loader, Runnable onChange) {
        this.label = label;
        this.files = List.copyOf(files);
        this.loader = loader;
        this.onChange = onChange;
        this.stamps = stamps();
        this.digest = digest();
        this.value = loader.get();
    }

    T value() {
        return value;
    }

    List<Path> files() {
        return files;
    }

    /** Loads the value again if a file changed; a failure keeps the previous value and is logged. */
    synchronized boolean poll() {
        long[] s = stamps();
        if (Arrays.equals(s, stamps)) {
            return false;
        }
        stamps = s;
        byte[] d = digest();
        if (Arrays.equals(d, digest)) {
            return false;
        }
        digest = d;
        try {
            value = loader.get();
        } catch (CertificateFileException e) {
            LOG.error("{} changed but cannot be used, keeping the previous one: {}", label, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.error("{} changed but cannot be used, keeping the previous one", label, e);
            return false;
        }
        LOG.info("{} reloaded from {}", label, files);
        onChange.run();
        return true;
    }

    private long[] stamps() {
        long[] out = new long[files.size() * 2];
        for (int i = 0; i < files.size(); i++) {
            try {
                out[2 * i] = Files.getLastModifiedTime(files.get(i)).to(java.util.concurrent.TimeUnit.NANOSECONDS);
                out[2 * i + 1] = Files.size(files.get(i));
            } catch (IOException e) {
                out[2 * i] = -1;
                out[2 * i + 1] = -1;
            }
        }
        return out;
    }

    private byte[] digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                try {
                    md.update(Files.readAllBytes(f));
                } catch (IOException e) {
                    md.update((byte) 0);
                }
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
