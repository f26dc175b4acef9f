package org.icewarp.storage;

/** RFC 3461 NOTIFY values for one recipient. */
public enum DsnNotify {
    /** NOTIFY=NEVER */
    NEVER,
    /** NOTIFY=SUCCESS */
    SUCCESS,
    /** NOTIFY=FAILURE */
    FAILURE,
    /** NOTIFY=DELAY */
    DELAY
}
