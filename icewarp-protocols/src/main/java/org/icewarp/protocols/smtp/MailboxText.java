package org.icewarp.protocols.smtp;

/** An {@link SmtpMailbox} written out as text, for trace headers and log lines. */
final class MailboxText {
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private MailboxText() {}

    /**
     * A mailbox as RFC 5321 writes it in a path: the local part as a dot-string, or quoted when it is not one; the bare
     * {@code Postmaster} without domain.
     */
    static String path(SmtpMailbox mailbox) {
        String local = mailbox.localPart();
        String l = isDotString(local) ? local : quote(local);
        return mailbox.domain().isEmpty() ? l : l + "@" + mailbox.domain();
    }

    private static boolean isDotString(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean atext = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ATEXT_SPECIALS.indexOf(c) >= 0
                    || c >= 0x80 // RFC 6531 UTF8-non-ascii
                    || c == '.';
            if (!atext) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append('?'); // the parser never lets these through; never let one break the header
            } else {
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
