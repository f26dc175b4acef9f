package org.icewarp.storage.fs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How names become portable file names (implementation note: the README's "Names on disk" section is the contract).
 *
 * <p>A name is encoded as UTF-8 bytes; bytes in {@code [a-z0-9_-]}, and {@code .} anywhere but first, stay as they are;
 * every other byte, ASCII upper-case letters included, becomes {@code %XX} with upper-case hex digits. The result uses
 * lower-case letters only outside escapes, so two different names never give names that are equal when case is
 * ignored (Windows, macOS), and it contains no character any common file system forbids. An encoding longer than
 * {@link #MAX_ENCODED} is cut and followed by {@code ~} and a SHA-256 prefix of the name ({@code ~} is always escaped
 * otherwise), and the true name is kept in a {@code .name} file beside it.
 *
 * <p>Folder directories start with {@code +}, which nothing else in a mailbox starts with: not message files
 * ({@code <serverId>_<uid>.eml}), not the index ({@code .index}), and not the directories of other mailboxes that the
 * alphabetical layout may nest inside a short alias's mailbox ({@code jo/jo/} holds {@code jojo/}).
 */
final class FileNames {
    /** Longest encoded name before the hashed form is used; well below the usual 255-byte limit. */
    static final int MAX_ENCODED = 160;

    static final String FOLDER_MARK = "+";
    static final String INBOX_DIR = "+inbox";
    static final String MESSAGE_SUFFIX = ".eml";

    private static final Pattern MESSAGE = Pattern.compile("([A-Za-z0-9]{0,2})_([1-9][0-9]{0,9})\\.eml");
    private static final Set<String> DEVICES = Set.of(
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
            "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "conin$", "conout$");

    private FileNames() {}

    /** The encoded form of a name (see the class comment). */
    static String encode(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain =
                    (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '_' || b == '-' || (b == '.' && i > 0);
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)));
                sb.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        if (sb.length() <= MAX_ENCODED) {
            return sb.toString();
        }
        int cut = 96;
        while (cut > 0 && (sb.charAt(cut - 1) == '%' || (cut > 1 && sb.charAt(cut - 2) == '%'))) {
            cut--;
        }
        return sb.substring(0, cut) + "~" + hash(name);
    }

    /** Whether {@link #encode} had to use the hashed form, so that the true name is kept beside it. */
    static boolean isHashed(String encoded) {
        return encoded.indexOf('~') >= 0;
    }

    /**
     * Decodes an encoded name that is not hashed.
     *
     * @return the name, or {@code null} when {@code encoded} is not something {@link #encode} produces
     */
    static String decode(String encoded) {
        byte[] out = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int hi = hexUpper(encoded.charAt(i + 1));
                int lo = hexUpper(encoded.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if ((c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '-'
                    || (c == '.' && i > 0)) {
                out[n++] = (byte) c;
            } else {
                return null;
            }
        }
        String name = new String(out, 0, n, StandardCharsets.UTF_8);
        return encode(name).equals(encoded) ? name : null;
    }

    private static int hexUpper(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The directory name of one folder level; the top-level INBOX is {@code +inbox}. */
    static String folderDir(String level, boolean topLevel) {
        if (topLevel && level.equals("INBOX")) {
            return INBOX_DIR;
        }
        return FOLDER_MARK + encode(level);
    }

    /**
     * The folder level a directory name stands for, or {@code null} when it is not a folder directory or is hashed
     * (then the level is in its {@code .name} file).
     */
    static String folderLevel(String dirName, boolean topLevel) {
        if (!dirName.startsWith(FOLDER_MARK)) {
            return null;
        }
        if (topLevel && dirName.equals(INBOX_DIR)) {
            return "INBOX";
        }
        String level = decode(dirName.substring(1));
        if (level == null || (topLevel && level.equalsIgnoreCase("INBOX"))) {
            return null;
        }
        return level;
    }

    /** The name of a message file. */
    static String messageFile(String serverId, long uid) {
        return serverId + "_" + uid + MESSAGE_SUFFIX;
    }

    /** The UID in a message file name this store wrote, or {@code -1} for any other name. */
    static long uidOf(String fileName) {
        Matcher m = MESSAGE.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(2)) : -1;
    }

    /** A domain's directory name: the domain, with the first letter escaped when its first label is a device name. */
    static String domainDir(String domain) {
        int dot = domain.indexOf('.');
        String first = dot < 0 ? domain : domain.substring(0, dot);
        if (DEVICES.contains(first.toLowerCase(Locale.ROOT))) {
            return "%" + HexFormat.of().withUpperCase().toHexDigits((byte) domain.charAt(0)) + domain.substring(1);
        }
        return domain;
    }

    static String hash(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
