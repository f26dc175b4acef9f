package org.icewarp.protocols.smtp;

import java.util.Objects;

/**
 * The outcome of parsing the arguments of one SMTP command: the parsed value, or the reason it was refused. Malformed
 * client input is always an {@link Invalid}, never an exception.
 *
 * @param <T> the type of the parsed value
 */
sealed interface Parsed<T> permits Parsed.Ok, Parsed.Invalid {

    /**
     * The arguments were accepted.
     *
     * @param value the parsed arguments
     */
    record Ok<T>(T value) implements Parsed<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The arguments were refused.
     *
     * @param error the kind of error, which fixes the reply code and enhanced status
     * @param detail a short human-readable explanation; it quotes at most 64 characters of client input, with anything
     *     outside printable ASCII replaced by {@code ?}, so it is safe to put into a reply line
     */
    record Invalid<T>(ArgumentError error, String detail) implements Parsed<T> {
        public Invalid {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
