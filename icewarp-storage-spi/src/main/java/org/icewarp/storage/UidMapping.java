package org.icewarp.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where COPY or MOVE put each message (IMAP's COPYUID).
 *
 * @param destinationUidValidity the destination folder's UIDVALIDITY
 * @param uids source UID to destination UID, in ascending source order
 */
public record UidMapping(long destinationUidValidity, Map<Long, Long> uids) {
    /** Copies. */
    public UidMapping {
        uids = Collections.unmodifiableMap(new LinkedHashMap<>(uids));
    }
}
