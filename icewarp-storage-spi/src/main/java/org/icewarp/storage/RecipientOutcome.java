package org.icewarp.storage;

import java.util.Objects;

/** What one delivery attempt did for one recipient. */
public sealed interface RecipientOutcome {
    /** The reply or reason, for logs and DSNs. */
    String detail();

    /** The state the recipient is in after this outcome. */
    RecipientStatus.State state();

    /** Delivered; the recipient is done. */
    record Delivered(String detail) implements RecipientOutcome {
        /** Validates. */
        public Delivered {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public RecipientStatus.State state() {
            return RecipientStatus.State.DELIVERED;
        }
    }

    /** Failed for now; the recipient stays pending for the next attempt. */
    record TemporaryFailure(String detail) implements RecipientOutcome {
        /** Validates. */
        public TemporaryFailure {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public RecipientStatus.State state() {
            return RecipientStatus.State.PENDING;
        }
    }

    /** Failed for good; the recipient is done (a bounce is due). */
    record PermanentFailure(String detail) implements RecipientOutcome {
        /** Validates. */
        public PermanentFailure {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public RecipientStatus.State state() {
            return RecipientStatus.State.FAILED;
        }
    }
}
