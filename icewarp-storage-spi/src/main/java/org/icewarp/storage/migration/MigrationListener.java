package org.icewarp.storage.migration;

/**
 * Hears how a migration goes. Called on the thread that runs the migration, so a listener should return quickly (a
 * display that redraws at most a few times a second, say). A listener that throws is logged and otherwise ignored: it
 * never stops a migration.
 */
public interface MigrationListener {
    /** A listener that ignores everything. */
    MigrationListener NONE = new MigrationListener() {};

    /**
     * Progress: called when a phase begins, when an account begins and ends, and after each copied message.
     *
     * @param progress a snapshot
     */
    default void onProgress(MigrationProgress progress) {}

    /**
     * A text field with invalid characters was found (and repaired when {@link TextRepair#applied()}).
     *
     * @param repair what, where, before and after
     */
    default void onRepair(TextRepair repair) {}

    /**
     * Something was copied differently from a plain copy, or could not be, without failing the run; for example a
     * message that vanished from the source while it was being copied. The verification says whether it matters.
     *
     * @param warning one line naming the account, folder and UID
     */
    default void onWarning(String warning) {}

    /**
     * One folder was verified.
     *
     * @param check both sides' counts and digests, and what differs
     */
    default void onFolderVerified(FolderCheck check) {}
}
