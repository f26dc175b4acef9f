package org.icewarp.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.core.log.LogLevel;

/**
 * The authentication log in the seed's shape, through the activity logger {@code icewarp.log.auth}:
 *
 * <pre>
 * 194.188.6.143 [21E4] 17:31:40:920 Login policy [IMAP] - increased failed login count to 1, user=b@t.com
 * 194.188.6.143 [1D14] 17:34:43:897 Login policy [IMAP] - cleared failed login count, user=b@t.com
 * 194.188.6.143 [1D14] 17:39:16:874 Authentication [IMAP] - Result=0, User=b, Method=0
 * 194.188.6.143 [1D14] 17:39:16:874 Authentication [IMAP] - Result=1, User=b@t.com, Method=0
 * </pre>
 *
 * Summary writes the login policy lines and failed attempts; debug and extended also successful ones. A failed attempt
 * names the login as the client typed it, a successful one the account's full address. Never a password or payload.
 */
final class AuthLog {
    /** The activity log name: logger {@code icewarp.log.auth}. */
    static final String NAME = "auth";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss:SSS", Locale.ROOT);

    private final ActivityLog log;
    private final Clock clock;

    AuthLog(LogLevel level, Clock clock) {
        this.log = new ActivityLog(NAME, level);
        this.clock = clock;
    }

    ActivityLog activityLog() {
        return log;
    }

    void increased(AuthRequest r, int count, String user) {
        if (log.isEnabled(LogLevel.SUMMARY)) {
            log.summary(
                    "{} Login policy [{}] - increased failed login count to {}, user={}",
                    head(r),
                    svc(r),
                    count,
                    clean(user));
        }
    }

    void cleared(AuthRequest r, String user) {
        if (log.isEnabled(LogLevel.SUMMARY)) {
            log.summary("{} Login policy [{}] - cleared failed login count, user={}", head(r), svc(r), clean(user));
        }
    }

    void blocked(AuthRequest r, String what, String who, Duration d) {
        if (log.isEnabled(LogLevel.SUMMARY)) {
            log.summary(
                    "{} Login policy [{}] - blocked for {} minutes, {}={}",
                    head(r),
                    svc(r),
                    d.toMinutes(),
                    what,
                    clean(who));
        }
    }

    void refusedBlocked(AuthRequest r, String what, String who) {
        if (log.isEnabled(LogLevel.SUMMARY)) {
            log.summary("{} Login policy [{}] - login refused while blocked, {}={}", head(r), svc(r), what, clean(who));
        }
    }

    /** An administrative unblock; no client, so the line starts with the time. */
    void unblocked(String what, String who) {
        if (log.isEnabled(LogLevel.SUMMARY)) {
            log.summary(
                    "{} Login policy - unblocked by administrator, {}={}",
                    TIME.format(clock.instant().atZone(clock.getZone())),
                    what,
                    clean(who));
        }
    }

    void result(AuthRequest r, boolean success, String user) {
        LogLevel level = success ? LogLevel.DEBUG : LogLevel.SUMMARY;
        if (!log.isEnabled(level)) {
            return;
        }
        String line = "{} Authentication [{}] - Result={}, User={}, Method={}";
        Object[] args = {
            head(r), svc(r), success ? 1 : 0, clean(user), r.mechanism().method()
        };
        if (success) {
            log.debug(line, args);
        } else {
            log.summary(line, args);
        }
    }

    private String head(AuthRequest r) {
        return r.remote().getHostAddress() + " [" + clean(r.session()) + "] "
                + TIME.format(clock.instant().atZone(clock.getZone()));
    }

    private static String svc(AuthRequest r) {
        return r.service().toUpperCase(Locale.ROOT);
    }

    /** A client-chosen name with control characters replaced, so it cannot forge log lines. */
    static String clean(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        String out = sb == null ? s : sb.toString();
        return out.length() > 256 ? out.substring(0, 256) : out;
    }
}
