package org.icewarp.protocols.imap;

import org.icewarp.storage.AlreadyExistsException;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.InvalidNameException;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.QuotaExceededException;
import org.icewarp.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one table from a storage failure to the text of a tagged {@code NO} (response codes of RFC 5530). */
final class ImapFailures {
    private static final Logger LOG = LoggerFactory.getLogger(ImapFailures.class);

    private ImapFailures() {}

    static String response(Throwable failure, String session) {
        if (failure instanceof NotFoundException) {
            return "[NONEXISTENT] No such mailbox or message";
        }
        if (failure instanceof AlreadyExistsException) {
            return "[ALREADYEXISTS] Mailbox already exists";
        }
        if (failure instanceof QuotaExceededException) {
            return "[OVERQUOTA] Quota exceeded";
        }
        if (failure instanceof InvalidNameException) {
            return "[CANNOT] Invalid mailbox name";
        }
        if (failure instanceof ConflictException) {
            return "[CANNOT] " + failure.getMessage();
        }
        if (failure instanceof StorageUnavailableException) {
            LOG.warn("IMAP session {}: storage unavailable: {}", session, failure.toString());
            return "[UNAVAILABLE] Storage temporarily unavailable";
        }
        LOG.error("IMAP session {}: unexpected failure", session, failure);
        return "[SERVERBUG] Internal error";
    }
}
