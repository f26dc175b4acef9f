package org.icewarp.storage.fs;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.icewarp.storage.LocalPartPolicy;
import org.icewarp.storage.MailboxPathLayout;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;

/**
 * The file-system provider's options, parsed and validated at once (the table is in the module README).
 *
 * @param path the mail path: domains' mailboxes and {@code _outgoing}
 * @param accountsPath where domain, account and group files live
 * @param tempPath the per-service temporary folders
 * @param layout where a mailbox lives below its domain's directory
 * @param localPartPolicy how local parts compare
 * @param snapshotRecords journal records after which a folder's index is snapshotted and the journal rotated
 * @param inlineMax messages up to this size are made durable inside the folder's journal (0: never)
 * @param journalMaxBytes journal size after which it is rotated like after {@code snapshotRecords} records
 * @param checkpointDelaySeconds how long a message written from the journal to its own file waits before that file
 *     is fsynced and the journal may forget it
 * @param commitDelayMicros how long a group-commit leader waits, at most, for concurrent writes to share its fsync
 * @param clock the clock
 * @param serverId the load-balancing server ID that prefixes message file names
 */
record FsSettings(
        Path path,
        Path accountsPath,
        Path tempPath,
        MailboxPathLayout layout,
        LocalPartPolicy localPartPolicy,
        int snapshotRecords,
        int inlineMax,
        long journalMaxBytes,
        int checkpointDelaySeconds,
        int commitDelayMicros,
        Clock clock,
        String serverId) {

    static final Set<String> KEYS = Set.of(
            "path",
            "accounts-path",
            "temp-path",
            "layout",
            "prefix-length",
            "group-length",
            "local-part-policy",
            "snapshot-records",
            "inline-max",
            "journal-max-bytes",
            "checkpoint-delay",
            "commit-delay-us");

    FsSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(accountsPath, "accountsPath");
        Objects.requireNonNull(tempPath, "tempPath");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(localPartPolicy, "localPartPolicy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(serverId, "serverId");
    }

    /**
     * Parses the provider options.
     *
     * @throws IllegalArgumentException naming the option that is unknown, missing or invalid
     */
    static FsSettings parse(StorageSettings settings) {
        Options o = settings.options();
        for (String key : o.values().keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown fs storage option '" + key + "' (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        Path path = settings.path("path").toAbsolutePath().normalize();
        Path accounts = optionalPath(o, "accounts-path", path.resolve("_accounts"));
        Path temp = optionalPath(o, "temp-path", path.resolve("_temp"));
        MailboxPathLayout layout = layout(o);
        LocalPartPolicy policy =
                switch (o.string("local-part-policy", "case-insensitive").trim()) {
                    case "case-insensitive" -> LocalPartPolicy.CASE_INSENSITIVE;
                    case "case-sensitive" -> LocalPartPolicy.CASE_SENSITIVE;
                    default ->
                        throw new IllegalArgumentException("option local-part-policy: '"
                                + o.string("local-part-policy", "") + "' is not case-insensitive or case-sensitive");
                };
        long snapshot = o.integer("snapshot-records", 10_000);
        if (snapshot < 10 || snapshot > 10_000_000) {
            throw new IllegalArgumentException("option snapshot-records: must be 10 to 10000000, was " + snapshot);
        }
        long inline = o.integer("inline-max", 64 * 1024);
        if (inline < 0 || inline > 1024 * 1024) {
            throw new IllegalArgumentException("option inline-max: must be 0 to 1048576 bytes, was " + inline);
        }
        long journalMax = o.integer("journal-max-bytes", 64L * 1024 * 1024);
        if (journalMax < 64 * 1024 || journalMax > 1L << 30) {
            throw new IllegalArgumentException(
                    "option journal-max-bytes: must be 65536 to 1073741824, was " + journalMax);
        }
        long checkpoint = o.integer("checkpoint-delay", 30);
        if (checkpoint < 0 || checkpoint > 3600) {
            throw new IllegalArgumentException("option checkpoint-delay: must be 0 to 3600 seconds, was " + checkpoint);
        }
        long commitDelay = o.integer("commit-delay-us", 2_000);
        if (commitDelay < 0 || commitDelay > 100_000) {
            throw new IllegalArgumentException(
                    "option commit-delay-us: must be 0 to 100000 microseconds, was " + commitDelay);
        }
        return new FsSettings(
                path,
                accounts,
                temp,
                layout,
                policy,
                (int) snapshot,
                (int) inline,
                journalMax,
                (int) checkpoint,
                (int) commitDelay,
                settings.clock(),
                settings.serverId());
    }

    private static Path optionalPath(Options o, String key, Path def) {
        String v = o.string(key, "");
        if (v.isBlank()) {
            if (o.values().containsKey(key)) {
                throw new IllegalArgumentException("option " + key + " must not be blank");
            }
            return def;
        }
        return Path.of(v).toAbsolutePath().normalize();
    }

    private static MailboxPathLayout layout(Options o) {
        String kind = o.string("layout", "flat").trim().toLowerCase(Locale.ROOT);
        Map<String, String> v = o.values();
        switch (kind) {
            case "flat" -> {
                for (String key : new String[] {"prefix-length", "group-length"}) {
                    if (v.containsKey(key)) {
                        throw new IllegalArgumentException("option " + key + " needs layout alphabetical");
                    }
                }
                return MailboxPathLayout.flat();
            }
            case "alphabetical" -> {
                long prefix = o.integer("prefix-length", 4);
                long group = o.integer("group-length", 2);
                if (prefix < 1 || prefix > 32) {
                    throw new IllegalArgumentException("option prefix-length: must be 1 to 32, was " + prefix);
                }
                if (group < 1 || group > prefix) {
                    throw new IllegalArgumentException(
                            "option group-length: must be 1 to prefix-length (" + prefix + "), was " + group);
                }
                return MailboxPathLayout.alphabetical((int) prefix, (int) group);
            }
            default ->
                throw new IllegalArgumentException(
                        "option layout: '" + o.string("layout", "") + "' is not flat or alphabetical");
        }
    }
}
