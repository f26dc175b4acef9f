/**
 * The SMTP server (RFC 5321): inbound mail on port 25, submission on 587 (RFC 6409), implicit TLS (RFC 8314) as a
 * binding. Extensions: SIZE, 8BITMIME, PIPELINING, ENHANCEDSTATUSCODES, SMTPUTF8, CHUNKING with BINARYMIME, DSN,
 * STARTTLS and AUTH with every SASL mechanism the kernel's policy allows.
 *
 * <p>Shape: {@link org.icewarp.protocols.smtp.SmtpDecoder} turns bytes into command lines and message content and
 * pauses after each command; the session answers it (each verb has its own handler, the rules they need are declared
 * once in {@code SmtpCommands}) and resumes the decoder. Anything that may block runs on the kernel's executor.
 *
 * <p>Public API: {@link org.icewarp.protocols.smtp.SmtpServiceFactory} (found by {@link java.util.ServiceLoader}), the
 * recipient hook SPI ({@link org.icewarp.protocols.smtp.RecipientHook}, {@link
 * org.icewarp.protocols.smtp.RecipientVerdict}, {@link org.icewarp.protocols.smtp.RecipientCheck}), the reply table
 * ({@link org.icewarp.protocols.smtp.SmtpReplies}, {@link org.icewarp.protocols.smtp.SmtpReply}), the envelope mailbox
 * ({@link org.icewarp.protocols.smtp.SmtpMailbox}) and {@link org.icewarp.protocols.smtp.SmtpStatistics}.
 */
package org.icewarp.protocols.smtp;
