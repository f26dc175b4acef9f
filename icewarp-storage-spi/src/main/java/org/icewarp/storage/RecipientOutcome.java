package org.icewarp.storage;

import java.util.Objects;

/** What one delivery attempt did for one recipient. */
public sealed interface RecipientOutcome {
    /** The reply or reason, for logs and DSNs. */
    String detail();

    /** Delivered; the recipient is done. */
    record Delivered(String detail) implements RecipientOutcome {
        /** Validates. */
        public Delivered {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Failed for now; the recipient stays pending for the next attempt. */
    record TemporaryFailure(String detail) implements RecipientOutcome {
        /** Validates. */
        public TemporaryFailure {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Failed for good; the recipient is done (a bounce is due). */
    record PermanentFailure(String detail) implements RecipientOutcome {
        /** Validates. */
        public PermanentFailure {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
