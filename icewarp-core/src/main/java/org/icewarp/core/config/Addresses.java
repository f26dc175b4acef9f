package org.icewarp.core.config;

/** Checks that a text is an IP literal without ever resolving a host name. */
final class Addresses {
    private Addresses() {}

    static boolean isLiteral(String s) {
        if (s.indexOf(':') >= 0) {
            // IPv6: hex digits, colons and an optional embedded IPv4 tail; no zone ids in configuration
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = c == ':' || c == '.' || Character.digit(c, 16) >= 0;
                if (!ok) {
                    return false;
                }
            }
            try {
                // a string with a colon is never looked up as a host name
                java.net.InetAddress.getByName(s);
                return true;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
