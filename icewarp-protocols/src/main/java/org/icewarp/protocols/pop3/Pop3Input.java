package org.icewarp.protocols.pop3;

/** What {@link Pop3Decoder} produces: one command line at a time. */
sealed interface Pop3Input {

    /** A line without its line end, decoded as UTF-8. */
    record Line(String text) implements Pop3Input {}

    /** A line over the limit; its bytes were skipped up to the next line end. */
    record LineTooLong() implements Pop3Input {}
}
