package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.icewarp.storage.DsnNotify;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpArgumentsTest {

    /** Everything offered, no SMTPUTF8 transaction. */
    static final Extensions ALL = new Extensions(true, true, true, true, true, false);
    /** Everything offered, and the transaction declared SMTPUTF8. */
    static final Extensions ALL_UTF8 = new Extensions(true, true, true, true, true, true);

    static final Extensions NONE = new Extensions(false, false, false, false, false, false);

    static MailArguments mail(String text) {
        return ok(SmtpArguments.parseMail(text, ALL));
    }

    static RcptArguments rcpt(String text) {
        return ok(SmtpArguments.parseRcpt(text, ALL));
    }

    static ArgumentError mailError(String text, Extensions ext) {
        return error(SmtpArguments.parseMail(text, ext));
    }

    static ArgumentError rcptError(String text, Extensions ext) {
        return error(SmtpArguments.parseRcpt(text, ext));
    }

    static <T> T ok(Parsed<T> parsed) {
        if (parsed instanceof Parsed.Ok<T> ok) {
            return ok.value();
        }
        return fail("expected Ok but was %s", parsed);
    }

    static <T> ArgumentError error(Parsed<T> parsed) {
        if (parsed instanceof Parsed.Invalid<T> invalid) {
            return invalid.error();
        }
        return fail("expected Invalid but was %s", parsed);
    }

    static SmtpMailbox mailbox(String local, String domain) {
        return new SmtpMailbox(local, domain, false);
    }

    @Nested
    class Errors {

        @Test
        void everyKindCarriesItsReplyCodeAndEnhancedStatus() {
            assertThat(ArgumentError.MISSING_FROM)
                    .extracting(ArgumentError::code, ArgumentError::enhancedStatus)
                    .containsExactly(501, "5.5.4");
            assertThat(ArgumentError.MISSING_TO.code()).isEqualTo(501);
            assertThat(ArgumentError.MISSING_TO.enhancedStatus()).isEqualTo("5.5.4");
            assertThat(ArgumentError.INVALID_SENDER.enhancedStatus()).isEqualTo("5.1.7");
            assertThat(ArgumentError.INVALID_RECIPIENT.enhancedStatus()).isEqualTo("5.1.3");
            assertThat(ArgumentError.SENDER_TOO_LONG.enhancedStatus()).isEqualTo("5.1.7");
            assertThat(ArgumentError.RECIPIENT_TOO_LONG.enhancedStatus()).isEqualTo("5.1.3");
            assertThat(ArgumentError.NON_ASCII_ADDRESS)
                    .extracting(ArgumentError::code, ArgumentError::enhancedStatus)
                    .containsExactly(553, "5.6.7");
            for (ArgumentError e : EnumSet.of(
                    ArgumentError.UNKNOWN_PARAMETER,
                    ArgumentError.PARAMETER_NOT_OFFERED,
                    ArgumentError.DUPLICATE_PARAMETER,
                    ArgumentError.INVALID_PARAMETER)) {
                assertThat(e.code()).as("%s", e).isEqualTo(555);
                assertThat(e.enhancedStatus()).as("%s", e).isEqualTo("5.5.4");
            }
            for (ArgumentError e : EnumSet.of(
                    ArgumentError.INVALID_SENDER,
                    ArgumentError.INVALID_RECIPIENT,
                    ArgumentError.SENDER_TOO_LONG,
                    ArgumentError.RECIPIENT_TOO_LONG)) {
                assertThat(e.code()).as("%s", e).isEqualTo(501);
            }
        }

        @Test
        void detailQuotesAtMost64CharactersOfPrintableClientInput() {
            String keyword = "X" + "A".repeat(300);
            Parsed<MailArguments> parsed = SmtpArguments.parseMail("FROM:<a@b.example> " + keyword + "=1", ALL);
            assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
            String detail = ((Parsed.Invalid<MailArguments>) parsed).detail();
            assertThat(detail).doesNotContain("A".repeat(65)).hasSizeLessThan(120);

            Parsed<MailArguments> control = SmtpArguments.parseMail("FROM:<a@b.example> X\rY=1", ALL);
            assertThat(((Parsed.Invalid<MailArguments>) control).detail())
                    .doesNotContain("\r")
                    .matches("[\\x20-\\x7e]*");
        }
    }

    @Nested
    class MailPath {

        @Test
        void nullReversePathIsAnEmptySender() {
            assertThat(mail("FROM:<>").sender()).isEmpty();
        }

        @Test
        void reversePathIsParsed() {
            assertThat(mail("FROM:<john@example.com>").sender()).contains(mailbox("john", "example.com"));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"from:<a@b.example>", "From:<a@b.example>", "FROM: <a@b.example>", "FROM:   <a@b.example>"})
        void fromIsCaseInsensitiveAndSpacesAfterTheColonAreAccepted(String text) {
            assertThat(mail(text).sender()).contains(mailbox("a", "b.example"));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"", "FROM", "FROM <a@b.example>", "FROM :<a@b.example>", "TO:<a@b.example>", " FROM:<a@b>"})
        void missingFromIsASyntaxError(String text) {
            assertThat(mailError(text, ALL)).isEqualTo(ArgumentError.MISSING_FROM);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "FROM:",
                    "FROM:a@b.example",
                    "FROM:<a@b.example",
                    "FROM:a@b.example>",
                    "FROM:<a@b.example>x",
                    "FROM:<a@b.example>>",
                    "FROM:\t<a@b.example>",
                    "FROM:<<a@b.example>>",
                    "FROM:<Postmaster>",
                    "FROM:<a>",
                    "FROM:<@>",
                    "FROM:<a@>"
                })
        void malformedReversePathIsRefusedWith501And517(String text) {
            assertThat(mailError(text, ALL)).isEqualTo(ArgumentError.INVALID_SENDER);
        }

        @Test
        void nonAsciiSenderNeedsSmtputf8InTheSameCommand() {
            assertThat(mailError("FROM:<jörg@example.com>", ALL)).isEqualTo(ArgumentError.NON_ASCII_ADDRESS);
            assertThat(mailError("FROM:<jörg@example.com> SMTPUTF8", NONE))
                    .isEqualTo(ArgumentError.PARAMETER_NOT_OFFERED);
            MailArguments args = mail("FROM:<jörg@bücher.example> SMTPUTF8");
            assertThat(args.smtputf8()).isTrue();
            assertThat(args.sender()).contains(mailbox("jörg", "xn--bcher-kva.example"));
        }

        @Test
        void smtputf8InMailDoesNotLeakIntoRcptUnlessDeclared() {
            assertThat(rcptError("TO:<jörg@example.com>", ALL)).isEqualTo(ArgumentError.NON_ASCII_ADDRESS);
            assertThat(ok(SmtpArguments.parseRcpt("TO:<jörg@example.com>", ALL_UTF8))
                            .recipient())
                    .isEqualTo(mailbox("jörg", "example.com"));
        }

        @Test
        void localPartOf64OctetsIsAcceptedAnd65Refused() {
            String local = "a".repeat(64);
            assertThat(mail("FROM:<" + local + "@b.example>").sender()).contains(mailbox(local, "b.example"));
            assertThat(mailError("FROM:<" + local + "a@b.example>", ALL)).isEqualTo(ArgumentError.SENDER_TOO_LONG);
            assertThat(rcptError("TO:<" + local + "a@b.example>", ALL)).isEqualTo(ArgumentError.RECIPIENT_TOO_LONG);
        }

        @Test
        void localPartLimitCountsUtf8Octets() {
            assertThat(ok(SmtpArguments.parseRcpt("TO:<" + "é".repeat(32) + "@b.example>", ALL_UTF8))
                            .recipient()
                            .localPart())
                    .hasSize(32);
            assertThat(rcptError("TO:<" + "é".repeat(33) + "@b.example>", ALL_UTF8))
                    .isEqualTo(ArgumentError.RECIPIENT_TOO_LONG);
        }

        @Test
        void quotedLocalPartLimitCountsTheQuotes() {
            assertThat(rcptError("TO:<\"" + "a".repeat(63) + "\"@b.example>", ALL))
                    .isEqualTo(ArgumentError.RECIPIENT_TOO_LONG);
            assertThat(rcpt("TO:<\"" + "a".repeat(62) + "\"@b.example>")
                            .recipient()
                            .localPart())
                    .hasSize(62);
        }

        @Test
        void pathOf256OctetsIsAcceptedAnd257Refused() {
            // "<" + 64 + "@" + 189 + ">" = 256
            String domain = "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(61);
            String local = "a".repeat(64);
            assertThat(mail("FROM:<" + local + "@" + domain + ">").sender()).contains(mailbox(local, domain));
            assertThat(mailError("FROM:<" + local + "@" + domain + "x>", ALL)).isEqualTo(ArgumentError.SENDER_TOO_LONG);
            assertThat(rcptError("TO:<" + local + "@" + domain + "x>", ALL))
                    .isEqualTo(ArgumentError.RECIPIENT_TOO_LONG);
            assertThat(rcptError("TO:<@r.example:" + local + "@" + domain + ">", ALL))
                    .as("the source route counts")
                    .isEqualTo(ArgumentError.RECIPIENT_TOO_LONG);
        }

        @Test
        void domainLongerThan255OctetsAsALabelsIsRefusedEvenWhenTheUnicodeFormFits() {
            StringBuilder label = new StringBuilder();
            for (int i = 0; i < 18; i++) {
                label.appendCodePoint(0x4e00 + (i * 7919) % 20000); // 18 ideographs: a 62-octet A-label
            }
            String four = String.join(".", label, label, label, label);
            assertThat(ok(SmtpArguments.parseRcpt("TO:<a@" + four + ".com>", ALL_UTF8))
                            .recipient()
                            .domain())
                    .hasSize(255);
            assertThat(rcptError("TO:<a@" + four + ".example>", ALL_UTF8)).isEqualTo(ArgumentError.RECIPIENT_TOO_LONG);
        }

        @Test
        void unicodeLabelLongerThan63OctetsAsAnALabelIsASyntaxError() {
            StringBuilder label = new StringBuilder();
            for (int i = 0; i < 19; i++) {
                label.appendCodePoint(0x4e00 + (i * 7919) % 20000);
            }
            assertThat(rcptError("TO:<a@" + label + ".example>", ALL_UTF8)).isEqualTo(ArgumentError.INVALID_RECIPIENT);
        }
    }

    @Nested
    class RcptPath {

        @Test
        void forwardPathIsParsed() {
            assertThat(rcpt("TO:<jane@example.org>").recipient()).isEqualTo(mailbox("jane", "example.org"));
            assertThat(rcpt("to: <jane@example.org>").recipient()).isEqualTo(mailbox("jane", "example.org"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "TO", "FROM:<a@b.example>", "TO <a@b.example>", "T0:<a@b.example>"})
        void missingToIsASyntaxError(String text) {
            assertThat(rcptError(text, ALL)).isEqualTo(ArgumentError.MISSING_TO);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "TO:<>",
                    "TO:",
                    "TO:a@b.example",
                    "TO:<a@b.example",
                    "TO:<a@b.example>;",
                    "TO:<\"Postmaster\">"
                })
        void malformedForwardPathIsRefusedWith501And513(String text) {
            assertThat(rcptError(text, ALL)).isEqualTo(ArgumentError.INVALID_RECIPIENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Postmaster", "postmaster", "POSTMASTER", "PostMaster"})
        void bareRecipientPostmasterHasAnEmptyDomainInAnyCase(String spelling) {
            SmtpMailbox recipient = rcpt("TO:<" + spelling + ">").recipient();
            assertThat(recipient).isEqualTo(new SmtpMailbox(spelling, "", false));
            assertThat(recipient.toString()).isEqualTo(spelling);
        }

        @Test
        void postmasterWithADomainIsAnOrdinaryMailbox() {
            assertThat(rcpt("TO:<Postmaster@Example.COM>").recipient()).isEqualTo(mailbox("Postmaster", "example.com"));
        }
    }

    /** The point of the exercise: what relay control checks is what delivery routes to. */
    @Nested
    class RelayTricks {

        static Arguments row(String path, boolean smtputf8, ArgumentError error) {
            return arguments(path, smtputf8, error);
        }

        static Arguments row(String path, boolean smtputf8, String localPart, String domain, boolean literal) {
            return arguments(path, smtputf8, new SmtpMailbox(localPart, domain, literal));
        }

        static Stream<Arguments> tricks() {
            return Stream.of(
                    // percent hack, bang path, quoted @: never interpreted, the domain is the last unquoted one
                    row("<user%other.com@local.example>", false, "user%other.com", "local.example", false),
                    row("<other.com!user@local.example>", false, "other.com!user", "local.example", false),
                    row("<other!user@local.example>", false, "other!user", "local.example", false),
                    row("<\"user@other.com\"@local.example>", false, "user@other.com", "local.example", false),
                    row("<\"user\\@other.com\"@local.example>", false, "user@other.com", "local.example", false),
                    row("<\"user%other.com\"@local.example>", false, "user%other.com", "local.example", false),
                    row("<\"user@other.com\">", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@other.com@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user\\@other.com@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local.example@other.com>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@other.com,@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@other.com:local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local.example%other.com>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local.example!other.com>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local.example/other.com>", false, ArgumentError.INVALID_RECIPIENT),
                    // source routes are ignored
                    row("<@local.example:user@other.com>", false, "user", "other.com", false),
                    row("<@a.example,@b.example:user@c.example>", false, "user", "c.example", false),
                    row(
                            "<@local.example:user%other.com@local.example>",
                            false, "user%other.com", "local.example", false),
                    row("<@local.example:>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<@local.example,user@other.com>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<@local.example:@other.com:user@c.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<@[1.2.3.4]:user@c.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<@:user@c.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<@local.example:Postmaster>", false, ArgumentError.INVALID_RECIPIENT),
                    // trailing dots, empty labels, label rules
                    row("<user@local.example.>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local..example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@.local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@.>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@-local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local-.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local.example->", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@" + "a".repeat(64) + ".example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@" + "a".repeat(63) + ".example>", false, "user", "a".repeat(63) + ".example", false),
                    row("<user@local_host.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@localhost>", false, "user", "localhost", false),
                    row("<user@3com.example>", false, "user", "3com.example", false),
                    row("<user@xn--abc-.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@XN--BCHER-KVA.example>", false, "user", "xn--bcher-kva.example", false),
                    // address literals and numeric "domains"
                    row("<user@[1.2.3.4]>", false, "user", "[1.2.3.4]", true),
                    row("<user@[001.02.3.004]>", false, "user", "[1.2.3.4]", true),
                    row("<user@[010.0.0.1]>", false, "user", "[10.0.0.1]", true),
                    row("<user@1.2.3.4>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@127.0.0.1>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@2130706433>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[1.2.3.256]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[1.2.3]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[1.2.3.4.5]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[0x7f.0.0.1]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[2130706433]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[1.2.3.4]local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[1.2.3.4].local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local.example[1.2.3.4]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[local.example]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[x-tag:stuff]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[IPv6:2001:DB8:0:0:0:0:0:1]>", false, "user", "[ipv6:2001:db8::1]", true),
                    row("<user@[ipv6:2001:0db8::0001]>", false, "user", "[ipv6:2001:db8::1]", true),
                    row("<user@[IPV6:2001:db8:0:0:1:0:0:1]>", false, "user", "[ipv6:2001:db8::1:0:0:1]", true),
                    row("<user@[IPv6:2001:db8:0:1:1:1:1:1]>", false, "user", "[ipv6:2001:db8:0:1:1:1:1:1]", true),
                    row("<user@[IPv6:::1]>", false, "user", "[ipv6:::1]", true),
                    row("<user@[IPv6:::]>", false, "user", "[ipv6:::]", true),
                    row("<user@[IPv6:::ffff:192.0.2.1]>", false, "user", "[ipv6:::ffff:192.0.2.1]", true),
                    row("<user@[IPv6:0:0:0:0:0:FFFF:C000:0201]>", false, "user", "[ipv6:::ffff:192.0.2.1]", true),
                    row("<user@[IPv6:2001:db8::192.0.2.1]>", false, "user", "[ipv6:2001:db8::c000:201]", true),
                    row("<user@[IPv6:1:2:3:4:5:6:7::]>", false, "user", "[ipv6:1:2:3:4:5:6:7:0]", true),
                    row("<user@[IPv6:1:2:3:4:5:6:7:8:9]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[IPv6:1:2:3:4:5:6:7]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[IPv6:1::2::3]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[IPv6:12345::1]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[IPv6:::1%eth0]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[IPv6:1:]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[IPv6::1]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[IPv6:1.2.3.4]>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@[1:2::3]>", false, ArgumentError.INVALID_RECIPIENT),
                    // case and Unicode variants
                    row("<USER@LOCAL.EXAMPLE>", false, "USER", "local.example", false),
                    row("<User@Local.Example>", false, "User", "local.example", false),
                    row("<user@bücher.example>", false, ArgumentError.NON_ASCII_ADDRESS),
                    row("<user@bücher.example>", true, "user", "xn--bcher-kva.example", false),
                    row("<user@BÜCHER.example>", true, "user", "xn--bcher-kva.example", false),
                    row("<user@ｌｏｃａｌ.example>", true, "user", "local.example", false),
                    row("<user@ＬＯＣＡＬ.ＥＸＡＭＰＬＥ>", true, "user", "local.example", false),
                    row("<user@local。example>", true, "user", "local.example", false),
                    row("<user@local．example>", true, "user", "local.example", false),
                    row("<user@loc\u00ADal.example>", true, "user", "local.example", false),
                    row("<user@loc\u0430l.example>", true, "user", "xn--locl-73d.example", false),
                    row("<user@local.example。>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local。。example>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<user@ｌｏｃａｌ.example>", false, ArgumentError.NON_ASCII_ADDRESS),
                    row("<user@local\u3002example>", false, ArgumentError.NON_ASCII_ADDRESS),
                    row("<user@loc al.example>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<user@loc\u00A0al.example>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local.example\uFFFD>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<usér@local.example>", false, ArgumentError.NON_ASCII_ADDRESS),
                    row("<usér@local.example>", true, "usér", "local.example", false),
                    row("<\"usér\"@local.example>", false, ArgumentError.NON_ASCII_ADDRESS),
                    // controls, NUL, spaces
                    row("<user\u0000@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local.example\u0000>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local\u0000.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<us\ter@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<us\rer@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<us\u007fer@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<us\u0085er@local.example>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<us\u2028er@local.example>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<us\uD800er@local.example>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<us\uDC00er@local.example>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<us\uD83D\uDE00er@local.example>", true, "us\uD83D\uDE00er", "local.example", false),
                    row("<user @local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("< user@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@ local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user@local.example >", false, ArgumentError.INVALID_RECIPIENT),
                    row("<us er@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<us\u00A0er@local.example>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<\"us\u00A0er\"@local.example>", true, "us\u00A0er", "local.example", false),
                    row("<\"us\u0000er\"@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<\"us\rer\"@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    // quoted strings and quoted-pairSMTP
                    row("<\"john smith\"@local.example>", false, "john smith", "local.example", false),
                    row("<\"john\"@local.example>", false, "john", "local.example", false),
                    row("<\"jo\\hn\"@local.example>", false, "john", "local.example", false),
                    row("<\"a\\\"b\"@local.example>", false, "a\"b", "local.example", false),
                    row("<\"a\\\\b\"@local.example>", false, "a\\b", "local.example", false),
                    row("<\"a\\ b\"@local.example>", false, "a b", "local.example", false),
                    row("<\"a>b\"@local.example>", false, "a>b", "local.example", false),
                    row("<\"a\\\u0001b\"@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<\"a\\éb\"@local.example>", true, ArgumentError.INVALID_RECIPIENT),
                    row("<\"a\\\"@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<\"ab@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<\"\"@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<\"a\"b@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<a\"b\"@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    // dot-strings
                    row("<first.last@local.example>", false, "first.last", "local.example", false),
                    row("<a+tag@local.example>", false, "a+tag", "local.example", false),
                    row("<!#$%&'*+-/=?^_`{|}~@local.example>", false, "!#$%&'*+-/=?^_`{|}~", "local.example", false),
                    row("<.user@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<user.@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<us..er@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<us(er)@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<us,er@local.example>", false, ArgumentError.INVALID_RECIPIENT),
                    row("<us[er]@local.example>", false, ArgumentError.INVALID_RECIPIENT));
        }

        @ParameterizedTest(name = "[{index}] {0} smtputf8={1}")
        @MethodSource("tricks")
        void canonicalMailboxOrError(String path, boolean smtputf8, Object expected) {
            Extensions ext = smtputf8 ? ALL_UTF8 : ALL;
            Parsed<RcptArguments> parsed = SmtpArguments.parseRcpt("TO:" + path, ext);
            // the same path as a sender gives the same mailbox, or the sender's flavour of the same error
            Parsed<MailArguments> asSender =
                    SmtpArguments.parseMail("FROM:" + path + (smtputf8 ? " SMTPUTF8" : ""), ALL);
            if (expected instanceof ArgumentError error) {
                assertThat(error(parsed)).isEqualTo(error);
                assertThat(error(asSender)).isEqualTo(senderFlavour(error));
            } else {
                assertThat(ok(parsed).recipient()).isEqualTo(expected);
                assertThat(ok(asSender).sender()).contains((SmtpMailbox) expected);
            }
        }

        private ArgumentError senderFlavour(ArgumentError error) {
            return switch (error) {
                case INVALID_RECIPIENT -> ArgumentError.INVALID_SENDER;
                case RECIPIENT_TOO_LONG -> ArgumentError.SENDER_TOO_LONG;
                default -> error;
            };
        }
    }

    @Nested
    class MailboxText {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '\'',
                value = {
                    "john | example.com | false | john@example.com",
                    "first.last | example.com | false | first.last@example.com",
                    "user@other.com | local.example | false | \"user@other.com\"@local.example",
                    "john smith | example.com | false | \"john smith\"@example.com",
                    "a\"b | example.com | false | \"a\\\"b\"@example.com",
                    "a\\b | example.com | false | \"a\\\\b\"@example.com",
                    ".a | example.com | false | \".a\"@example.com",
                    "a. | example.com | false | \"a.\"@example.com",
                    "a..b | example.com | false | \"a..b\"@example.com",
                    "jörg | example.com | false | jörg@example.com",
                    "user | [192.0.2.1] | true | user@[192.0.2.1]",
                    "Postmaster | '' | false | Postmaster",
                })
        void toStringIsTheRfc5321Form(String local, String domain, boolean literal, String text) {
            assertThat(new SmtpMailbox(local, domain, literal).toString()).isEqualTo(text);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "<\"user@other.com\"@local.example>",
                    "<\"a\\\\\\\"b\"@x.example>",
                    "<\"jo\\hn\"@x.example>",
                    "<\"john smith\"@x.example>",
                    "<user@[IPv6:2001:DB8::1]>",
                    "<jörg@bücher.example>"
                })
        void toStringParsesBackToTheSameMailbox(String path) {
            SmtpMailbox first =
                    ok(SmtpArguments.parseRcpt("TO:" + path, ALL_UTF8)).recipient();
            SmtpMailbox again =
                    ok(SmtpArguments.parseRcpt("TO:<" + first + ">", ALL_UTF8)).recipient();
            assertThat(again).isEqualTo(first);
        }
    }

    @Nested
    class MailParameters {

        @Test
        void absentParametersHaveTheirDefaults() {
            MailArguments args = mail("FROM:<a@b.example>");
            assertThat(args.size()).isEmpty();
            assertThat(args.body()).isEqualTo(BodyType.SEVEN_BIT);
            assertThat(args.smtputf8()).isFalse();
            assertThat(args.ret()).isEmpty();
            assertThat(args.envelopeId()).isEmpty();
            assertThat(args.auth()).isEmpty();
        }

        @Test
        void allParametersTogetherWithExtraSpaces() {
            MailArguments args =
                    mail("FROM:<a@b.example> size=1000  BODY=8bitmime SMTPUTF8 Ret=Hdrs ENVID=QQ314159+2B AUTH=<>  ");
            assertThat(args.size()).hasValue(1000);
            assertThat(args.body()).isEqualTo(BodyType.EIGHT_BIT_MIME);
            assertThat(args.smtputf8()).isTrue();
            assertThat(args.ret()).contains(Ret.HDRS);
            assertThat(args.envelopeId()).contains("QQ314159+");
            assertThat(args.auth()).contains("<>");
        }

        @Test
        void nullReversePathTakesParameters() {
            MailArguments args = mail("FROM:<> SIZE=5 RET=FULL");
            assertThat(args.sender()).isEmpty();
            assertThat(args.size()).hasValue(5);
            assertThat(args.ret()).contains(Ret.FULL);
        }

        @ParameterizedTest
        @CsvSource({"0, 0", "123, 123", "00000000000000000001, 1", "9223372036854775807, 9223372036854775807"})
        void sizeIsDecimalDigitsThatFitInALong(String value, long expected) {
            assertThat(mail("FROM:<a@b.example> SIZE=" + value).size()).hasValue(expected);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "SIZE",
                    "SIZE=",
                    "SIZE=-1",
                    "SIZE=+1",
                    "SIZE=1.5",
                    "SIZE=1e3",
                    "SIZE=0x10",
                    "SIZE=١٢",
                    "SIZE=9223372036854775808",
                    "SIZE=99999999999999999999",
                    "SIZE=000000000000000000001",
                    "SIZE==1",
                    "SIZE=1=2"
                })
        void malformedSizeIsRefused(String param) {
            assertThat(mailError("FROM:<a@b.example> " + param, ALL)).isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @ParameterizedTest
        @CsvSource({"7BIT, SEVEN_BIT", "7bit, SEVEN_BIT", "8BITMIME, EIGHT_BIT_MIME", "BinaryMime, BINARY_MIME"})
        void bodyValuesAreCaseInsensitive(String value, BodyType expected) {
            assertThat(mail("FROM:<a@b.example> BODY=" + value).body()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"BODY", "BODY=9BIT", "BODY=8BIT", "BODY=BINARY", "BODY=7BIT,8BITMIME"})
        void unknownBodyIsRefused(String param) {
            assertThat(mailError("FROM:<a@b.example> " + param, ALL)).isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @Test
        void smtputf8TakesNoValue() {
            assertThat(mailError("FROM:<a@b.example> SMTPUTF8=YES", ALL)).isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @ParameterizedTest
        @ValueSource(strings = {"RET", "RET=ALL", "RET=HEADERS", "RET=FULL,HDRS"})
        void unknownRetIsRefused(String param) {
            assertThat(mailError("FROM:<a@b.example> " + param, ALL)).isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @Test
        void envelopeIdIsXtextDecodedAndAtMost100Characters() {
            assertThat(mail("FROM:<a@b.example> ENVID=" + "x".repeat(100)).envelopeId())
                    .contains("x".repeat(100));
            assertThat(mail("FROM:<a@b.example> ENVID=" + "x".repeat(97) + "+20")
                            .envelopeId())
                    .contains("x".repeat(97) + " ");
            assertThat(mailError("FROM:<a@b.example> ENVID=" + "x".repeat(101), ALL))
                    .isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"ENVID", "ENVID=a+0D+0Ab", "ENVID=a+00", "ENVID=+ZZ", "ENVID=a+2", "ENVID=+C3+A9", "ENVID=é"
                })
        void malformedEnvelopeIdIsRefused(String param) {
            assertThat(mailError("FROM:<a@b.example> " + param + " SMTPUTF8", ALL))
                    .isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "<> | <>",
                    "e+3Dmc2@example.com | e=mc2@example.com",
                    "+3C+3E | <>",
                    "user@x.example | user@x.example"
                })
        void authMailboxIsXtextDecoded(String value, String expected) {
            assertThat(mail("FROM:<a@b.example> AUTH=" + value).auth()).contains(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"AUTH", "AUTH=a+0D+0AMAIL", "AUTH=+4", "AUTH=a+3d"})
        void malformedAuthIsRefused(String param) {
            assertThat(mailError("FROM:<a@b.example> " + param, ALL)).isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @ParameterizedTest
        @CsvSource({
            "SIZE=1, false, true, true, true, true",
            "BODY=8BITMIME, true, false, true, true, true",
            "BODY=7BIT, true, false, true, true, true",
            "SMTPUTF8, true, true, false, true, true",
            "RET=FULL, true, true, true, false, true",
            "ENVID=x, true, true, true, false, true",
            "AUTH=<>, true, true, true, true, false"
        })
        void parameterOfAnExtensionNotOfferedIsRefused(
                String param, boolean size, boolean eightBit, boolean utf8, boolean dsn, boolean auth) {
            Extensions ext = new Extensions(utf8, dsn, eightBit, size, auth, false);
            assertThat(mailError("FROM:<a@b.example> " + param, ext)).isEqualTo(ArgumentError.PARAMETER_NOT_OFFERED);
            Extensions all = new Extensions(true, true, true, true, true, false);
            assertThat(SmtpArguments.parseMail("FROM:<a@b.example> " + param, all))
                    .isInstanceOf(Parsed.Ok.class);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "SIZE=1 SIZE=2",
                    "SIZE=1 size=1",
                    "BODY=7BIT BODY=7BIT",
                    "SMTPUTF8 smtputf8",
                    "RET=FULL RET=HDRS",
                    "ENVID=a ENVID=b",
                    "AUTH=<> AUTH=<>"
                })
        void aParameterMayAppearOnlyOnce(String params) {
            assertThat(mailError("FROM:<a@b.example> " + params, ALL)).isEqualTo(ArgumentError.DUPLICATE_PARAMETER);
        }

        @ParameterizedTest
        @ValueSource(strings = {"FOO", "FOO=BAR", "NOTIFY=NEVER", "ORCPT=rfc822;a@b", "X-TRACE=1", "SIZE1=2"})
        void unknownParameterIsRefused(String param) {
            assertThat(mailError("FROM:<a@b.example> " + param, ALL)).isEqualTo(ArgumentError.UNKNOWN_PARAMETER);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "=1",
                    "-FOO",
                    "FO_O=1",
                    "FOO=a\u0001b",
                    "SIZE=1\tBODY=7BIT",
                    "FÖÖ=1",
                    "FOO=\u007f",
                    "size\u0000"
                })
        void malformedParameterIsRefused(String param) {
            assertThat(mailError("FROM:<a@b.example> " + param, ALL)).isEqualTo(ArgumentError.INVALID_PARAMETER);
        }
    }

    @Nested
    class RcptParameters {

        @Test
        void absentParametersAreEmpty() {
            RcptArguments args = rcpt("TO:<a@b.example>");
            assertThat(args.dsnNotify()).isEmpty();
            assertThat(args.originalRecipient()).isEmpty();
        }

        @Test
        void notifyNever() {
            assertThat(rcpt("TO:<a@b.example> NOTIFY=never").dsnNotify()).containsExactly(DsnNotify.NEVER);
        }

        @Test
        void notifyListInAnyCase() {
            assertThat(rcpt("TO:<a@b.example> NOTIFY=Success,FAILURE,delay").dsnNotify())
                    .containsExactlyInAnyOrder(DsnNotify.SUCCESS, DsnNotify.FAILURE, DsnNotify.DELAY);
            assertThat(rcpt("TO:<a@b.example> NOTIFY=FAILURE").dsnNotify()).containsExactly(DsnNotify.FAILURE);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "NOTIFY",
                    "NOTIFY=NEVER,SUCCESS",
                    "NOTIFY=SUCCESS,NEVER",
                    "NOTIFY=SUCCESS,,FAILURE",
                    "NOTIFY=,SUCCESS",
                    "NOTIFY=SUCCESS,",
                    "NOTIFY=BOGUS",
                    "NOTIFY=SUCCESS;FAILURE"
                })
        void malformedNotifyIsRefused(String param) {
            assertThat(rcptError("TO:<a@b.example> " + param, ALL)).isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @Test
        void notifyNeverAloneIsEnforcedByTheRecordToo() {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> new RcptArguments(
                            mailbox("a", "b.example"), EnumSet.of(DsnNotify.NEVER, DsnNotify.DELAY), Optional.empty()));
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "rfc822;a@b.example | rfc822;a@b.example",
                    "RFC822;a+2Bb@x.example | rfc822;a+b@x.example",
                    "rfc822;\"a+20b\"@x.example | rfc822;\"a b\"@x.example",
                    "x-local;mailbox+3D1 | x-local;mailbox=1",
                    "X-Local;box | X-Local;box",
                    "utf-8;j\\x{F6}rg@x.example | utf-8;jörg@x.example",
                    "UTF-8;\\x{1F600}@x.example | utf-8;\uD83D\uDE00@x.example",
                    "utf-8;a+b@x.example | utf-8;a+b@x.example",
                })
        void originalRecipientIsTypeAndDecodedAddress(String value, String expected) {
            assertThat(rcpt("TO:<a@b.example> ORCPT=" + value).originalRecipient())
                    .contains(expected);
        }

        @Test
        void rawUtf8OriginalRecipientOnlyInAnSmtputf8Transaction() {
            assertThat(rcptError("TO:<a@b.example> ORCPT=utf-8;jörg@x.example", ALL))
                    .isEqualTo(ArgumentError.INVALID_PARAMETER);
            assertThat(ok(SmtpArguments.parseRcpt("TO:<a@b.example> ORCPT=utf-8;jörg@x.example", ALL_UTF8))
                            .originalRecipient())
                    .contains("utf-8;jörg@x.example");
            assertThat(rcptError("TO:<a@b.example> ORCPT=rfc822;jörg@x.example", ALL_UTF8))
                    .isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "ORCPT",
                    "ORCPT=rfc822",
                    "ORCPT=;a@b",
                    "ORCPT=rfc822;",
                    "ORCPT=rfc822;a+0D+0Ab",
                    "ORCPT=rfc822;+00",
                    "ORCPT=rfc822;a+2",
                    "ORCPT=rf(c;a",
                    "ORCPT=utf-8;\\x{D800}",
                    "ORCPT=utf-8;\\x{-1}",
                    "ORCPT=utf-8;\\x{}",
                    "ORCPT=utf-8;\\x{1234567}",
                    "ORCPT=utf-8;\\x{110000}",
                    "ORCPT=utf-8;a\\b",
                    "ORCPT=utf-8;\\x{0D}",
                    "ORCPT=utf-8;\\x{85}",
                    "ORCPT=utf-8;\\x{41"
                })
        void malformedOriginalRecipientIsRefused(String param) {
            assertThat(rcptError("TO:<a@b.example> " + param, ALL_UTF8)).isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @Test
        void originalRecipientIsAtMost500Characters() {
            String value = "rfc822;" + "a".repeat(480) + "@" + "b".repeat(12);
            assertThat(value).hasSize(500);
            assertThat(rcpt("TO:<a@b.example> ORCPT=" + value).originalRecipient())
                    .isPresent();
            assertThat(rcptError("TO:<a@b.example> ORCPT=" + value + "c", ALL))
                    .isEqualTo(ArgumentError.INVALID_PARAMETER);
        }

        @Test
        void dsnParametersNeedDsnOffered() {
            Extensions noDsn = new Extensions(true, false, true, true, true, false);
            assertThat(rcptError("TO:<a@b.example> NOTIFY=NEVER", noDsn))
                    .isEqualTo(ArgumentError.PARAMETER_NOT_OFFERED);
            assertThat(rcptError("TO:<a@b.example> ORCPT=rfc822;a@b", noDsn))
                    .isEqualTo(ArgumentError.PARAMETER_NOT_OFFERED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"NOTIFY=NEVER NOTIFY=NEVER", "ORCPT=rfc822;a@b orcpt=rfc822;a@b"})
        void aParameterMayAppearOnlyOnce(String params) {
            assertThat(rcptError("TO:<a@b.example> " + params, ALL)).isEqualTo(ArgumentError.DUPLICATE_PARAMETER);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SIZE=1", "BODY=8BITMIME", "SMTPUTF8", "RET=FULL", "ENVID=x", "AUTH=<>", "FOO"})
        void mailParametersAreUnknownToRcpt(String param) {
            assertThat(rcptError("TO:<a@b.example> " + param, ALL_UTF8)).isEqualTo(ArgumentError.UNKNOWN_PARAMETER);
        }
    }

    /** Seeded random input: parsing never throws, details stay printable and short, accepted mailboxes round-trip. */
    @Nested
    class Fuzz {

        private static final String[] FRAGMENTS = {
            "FROM:",
            "TO:",
            "from:",
            "<",
            ">",
            "<>",
            "@",
            "\"",
            "\\",
            ".",
            ",",
            ":",
            "[",
            "]",
            "IPv6:",
            "::",
            "ffff",
            "1.2.3.4",
            "255",
            "postmaster",
            "user",
            "local.example",
            "xn--",
            "-",
            "%",
            "!",
            " ",
            "  ",
            "\t",
            "\u0000",
            "\r",
            "=",
            "+",
            "+2B",
            "+0D",
            "+ZZ",
            "SIZE=",
            "BODY=",
            "8BITMIME",
            "SMTPUTF8",
            "RET=",
            "ENVID=",
            "AUTH=",
            "NOTIFY=",
            "NEVER",
            "SUCCESS,",
            "ORCPT=",
            "rfc822;",
            "utf-8;",
            "\\x{",
            "}",
            "E9",
            "D800",
            "ü",
            "ｌ",
            "。",
            "\u00AD",
            "\uD800",
            "\uDC00",
            "\uD83D\uDE00",
            "\uFFFD",
            "\u0085",
            "\u00A0",
            "0",
            "9999999999999999999999",
            "a".repeat(70)
        };
        private static final String[] ROUTES = {"", "", "", "", "@r.example:", "@a.example,@b.example:", "@:", "@r,"};
        private static final String[] LOCALS = {
            "user",
            "First.Last",
            "u%other.com",
            "a!b",
            "\"q@x\"",
            "\"a\\\"b\"",
            "\"sp ace\"",
            "jörg",
            "\"\"",
            ".a",
            "\"a.\"",
            "Postmaster",
            "a".repeat(64),
            "x+tag",
            "\"\\é\"",
            "\"a\\b\""
        };
        private static final String[] DOMAINS = {
            "@local.example", "@LOCAL.Example", "@[192.0.2.1]", "@[IPv6:2001:DB8::1]", "@[IPv6:::ffff:1.2.3.4]",
            "@bücher.example", "@ｌｏｃａｌ.example", "@local。example", "@xn--bcher-kva.example", "@1.2.3.4",
            "@local.example.", "@-a.example", "@a", "@" + "d".repeat(63) + ".example", ""
        };
        private static final String[] MAIL_PARAMS = {
            "", "", "", " SIZE=100", " BODY=8BITMIME", " SMTPUTF8", " RET=HDRS", " ENVID=a+2Bb", " AUTH=<>", " FOO=1"
        };
        private static final String[] RCPT_PARAMS = {
            "", "", "", " NOTIFY=NEVER", " NOTIFY=SUCCESS,DELAY", " ORCPT=rfc822;a@b", " ORCPT=utf-8;\\x{E9}@b", " X"
        };

        @Test
        void parsingRandomInputNeverThrowsAndAcceptedMailboxesRoundTrip() {
            Random random = new Random(5321);
            int accepted = 0;
            for (int n = 0; n < 6000; n++) {
                Extensions ext = random.nextBoolean() ? (random.nextBoolean() ? ALL : ALL_UTF8) : randomOffers(random);
                String mailText;
                String rcptText;
                switch (random.nextInt(4)) {
                    case 0 -> mailText = rcptText = randomChars(random);
                    case 1 -> mailText = rcptText = randomFragments(random);
                    default -> {
                        String path = structuredPath(random);
                        mailText = "FROM:" + mutate(random, path + pick(random, MAIL_PARAMS));
                        rcptText = "TO:" + mutate(random, path + pick(random, RCPT_PARAMS));
                    }
                }
                Parsed<MailArguments> mail = SmtpArguments.parseMail(mailText, ext);
                Parsed<RcptArguments> rcpt = SmtpArguments.parseRcpt(rcptText, ext);
                checkInvariants(mail, mailText);
                checkInvariants(rcpt, rcptText);
                if (mail instanceof Parsed.Ok<MailArguments> ok
                        && ok.value().sender().isPresent()) {
                    roundTrip(ok.value().sender().get());
                    accepted++;
                }
                if (rcpt instanceof Parsed.Ok<RcptArguments> ok) {
                    roundTrip(ok.value().recipient());
                    accepted++;
                }
            }
            assertThat(accepted)
                    .as("the generator makes enough valid paths to exercise the round trip")
                    .isGreaterThan(1000);
        }

        private void checkInvariants(Parsed<?> parsed, String input) {
            assertThat(parsed).as("%s", input).isNotNull();
            if (parsed instanceof Parsed.Invalid<?> invalid) {
                assertThat(invalid.detail()).as("%s", input).matches("[\\x20-\\x7e]{1,200}");
            }
        }

        private void roundTrip(SmtpMailbox mailbox) {
            assertThat(mailbox.domain())
                    .doesNotContain("..")
                    .doesNotEndWith(".")
                    .isEqualTo(mailbox.domain().toLowerCase(Locale.ROOT));
            String text = "TO:<" + mailbox + ">";
            if (SmtpPaths.utf8Length(text, 3, text.length()) > SmtpPaths.MAX_PATH) {
                return; // the A-label form of a short Unicode domain can be longer than the path that carried it
            }
            assertThat(ok(SmtpArguments.parseRcpt(text, ALL_UTF8)).recipient())
                    .as("%s", text)
                    .isEqualTo(mailbox);
        }

        private static Extensions randomOffers(Random random) {
            return new Extensions(
                    random.nextBoolean(),
                    random.nextBoolean(),
                    random.nextBoolean(),
                    random.nextBoolean(),
                    random.nextBoolean(),
                    random.nextBoolean());
        }

        private static String structuredPath(Random random) {
            String path = "<" + pick(random, ROUTES) + pick(random, LOCALS) + pick(random, DOMAINS) + ">";
            return (random.nextInt(5) == 0 ? " " : "") + path;
        }

        /** Half the time: one fragment inserted, or one character deleted or replaced by a fragment. */
        private static String mutate(Random random, String text) {
            if (random.nextBoolean()) {
                return text;
            }
            StringBuilder out = new StringBuilder(text);
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, pick(random, FRAGMENTS));
                default -> out.replace(at, at + 1, pick(random, FRAGMENTS));
            }
            return out.toString();
        }

        private static String pick(Random random, String[] choices) {
            return choices[random.nextInt(choices.length)];
        }

        private static String randomFragments(Random random) {
            StringBuilder out = new StringBuilder();
            int count = 1 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                out.append(pick(random, FRAGMENTS));
            }
            return out.toString();
        }

        private static String randomChars(Random random) {
            StringBuilder out = new StringBuilder();
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                out.append(random.nextInt(10) < 7 ? (char) random.nextInt(0x80) : (char) random.nextInt(0x10000));
            }
            return out.toString();
        }
    }
}
