package org.icewarp.storage.fs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;

/** Settings, messages and file-tree helpers shared by the tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private Fixtures() {}

    /** Settings for a store rooted at {@code root}; {@code kv} are further option pairs. */
    static StorageSettings settings(Path root, String serverId, String... kv) {
        Map<String, String> m = new TreeMap<>();
        m.put("path", root.toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new StorageSettings(Options.of(m), Clock.fixed(T0, ZoneOffset.UTC), serverId);
    }

    static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message a child process or a test appends as number {@code i}: deterministic, of varying length. */
    static byte[] message(String tag, long i) {
        StringBuilder sb = new StringBuilder("Subject: " + tag + " " + i + "\r\n\r\n");
        for (int k = 0; k < (i * 37) % 200; k++) {
            sb.append("line ").append(k).append(" of message ").append(i).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every regular file below {@code root}, as paths relative to it. */
    static List<String> files(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            List<String> out = new ArrayList<>();
            s.filter(Files::isRegularFile)
                    .forEach(p -> out.add(root.relativize(p).toString()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
