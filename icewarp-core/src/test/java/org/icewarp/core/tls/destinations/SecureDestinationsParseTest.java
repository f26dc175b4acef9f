package org.icewarp.core.tls.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** The text form of secure destinations: what it reads, and errors that name the line or entry. */
class SecureDestinationsParseTest {
    private static final String FP = "3A:0F:" + "AB:".repeat(29) + "9C";

    @Test
    void readsPatternsConditionsCommentsAndQuotedNames() {
        SecureDestinations rules = SecureDestinations.parse(String.join(
                "\n",
                "# secure destinations",
                "",
                "  mail.example.com   fingerprint=" + FP,
                "*.example.org subject=\"CN=mx.example.org, O=Example Ltd\" ISSUER=CN=CA,O=Example",
                "*"));

        assertThat(rules.rules()).hasSize(3);
        SecureDestination mail = rules.rules().get(0);
        assertThat(mail.host()).isEqualTo(HostPattern.of("MAIL.example.com"));
        assertThat(mail.fingerprint().orElseThrow().hex()).startsWith("3a0fab");
        assertThat(mail.subject()).isEmpty();
        SecureDestination org = rules.rules().get(1);
        assertThat(org.subject().orElseThrow()).isEqualTo(new X500Principal("CN=mx.example.org,O=Example Ltd"));
        assertThat(org.issuer().orElseThrow()).isEqualTo(new X500Principal("CN=CA,O=Example"));
        assertThat(rules.rules().get(2).requiresTrustedCa()).isTrue();
    }

    @Test
    void theTextFormReadsBackToAnEqualPolicy() {
        SecureDestinations rules = SecureDestinations.of(List.of(
                SecureDestination.forHost("*.example.com")
                        .subject("CN=a\\,b,O=Example")
                        .issuer("CN=CA \\\"x\\\"")
                        .fingerprint(FP.replace(":", "").toLowerCase(java.util.Locale.ROOT))
                        .build(),
                SecureDestination.forHost("*").build()));

        String text = rules.toText();

        assertThat(text).contains("fingerprint=" + FP).endsWith("\n*\n");
        assertThat(SecureDestinations.parse(text)).isEqualTo(rules);
        assertThat(SecureDestinations.parseEntries(text.lines().toList())).isEqualTo(rules);
    }

    private static void rejects(String text, String message) {
        assertThatThrownBy(() -> SecureDestinations.parse(text))
                .isInstanceOf(DestinationSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void errorsNameTheLineAndWhatIsWrong() {
        rejects(
                "*\n\nmx.example.com fingreprint=AB",
                "line 3: unknown key 'fingreprint' (subject, issuer, fingerprint)");
        rejects("mx.example.com subject=CN=a subject=CN=b", "line 1: 'subject' is given twice");
        rejects(
                "mx.example.com\n# x\nMX.example.com.",
                "line 3: host pattern 'mx.example.com' already has a rule" + " (line 1)");
        rejects("mx.example.com subject=\"CN=a", "line 1: a quoted value is not closed");
        rejects("mx.example.com CN=a", "line 1: unknown key 'CN' (subject, issuer, fingerprint)");
        rejects("mx.example.com junk", "line 1: expected key=value after the host pattern, found 'junk'");
        rejects(
                "mail.*.example.com",
                "line 1: host pattern 'mail.*.example.com': '*' may only be the whole pattern"
                        + " or its first label ('*.example.com')");
        rejects("mx fingerprint=ABCD", "line 1: fingerprint 'ABCD': 4 hex digits, expected 64 (SHA-256) or 40 (SHA-1)");
        rejects("mx fingerprint=zz", "line 1: fingerprint 'zz': not hex digits (with or without colons)");
        assertThatThrownBy(() -> SecureDestinations.parse("mx issuer=\"no equals sign\""))
                .hasMessageStartingWith("line 1: issuer 'no equals sign' is not an X.500 name such as CN=");
    }

    @Test
    void entriesAreCountedAsEntries() {
        assertThatThrownBy(() -> SecureDestinations.parseEntries(List.of("*", "mx bogus=1")))
                .isInstanceOfSatisfying(
                        DestinationSyntaxException.class,
                        e -> assertThat(e.location()).isEqualTo("entry 2"))
                .hasMessageStartingWith("entry 2: unknown key 'bogus'");
    }

    @Test
    void theSameHostPatternTwiceIsRefusedInCodeToo() {
        assertThatThrownBy(() -> SecureDestinations.of(List.of(
                        SecureDestination.forHost("*").build(),
                        SecureDestination.forHost("*").fingerprint(FP).build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host pattern '*' has more than one rule");
    }
}
