package org.icewarp.storage;

/** Whether an account may log in and receive mail. */
public enum AccountState {
    /** Active. */
    ENABLED,
    /** Kept, but refuses logins and mail. */
    DISABLED
}
