package org.icewarp.storage;

/** Whether local parts of addresses are matched with or without regard to case (domains never are). */
public enum LocalPartPolicy {
    /** {@code John@x} and {@code john@x} are the same address (the common choice). */
    CASE_INSENSITIVE,
    /** {@code John@x} and {@code john@x} are different addresses (RFC 5321's letter). */
    CASE_SENSITIVE
}
