package org.icewarp.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the configuration file changed: polled by the scheduler, it compares modification time and size and,
 * when those moved, the content's digest (an editor that rewrites the same bytes is not a change).
 */
public final class ConfigWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private long modified;
    private long size;
    private byte[] digest;

    /** Remembers the file as it is now. */
    public ConfigWatcher(Path file) {
        this.file = file;
        changed();
    }

    /** Whether the file differs from when this was last asked; remembers the new state. */
    public synchronized boolean changed() {
        try {
            long m = Files.getLastModifiedTime(file).toMillis();
            long s = Files.size(file);
            if (digest != null && m == modified && s == size) {
                return false;
            }
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            boolean changed = digest != null && !Arrays.equals(d, digest);
            modified = m;
            size = s;
            digest = d;
            return changed;
        } catch (IOException e) {
            LOG.warn(
                    "configuration file {} cannot be read ({}); keeping the running configuration", file, e.toString());
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
