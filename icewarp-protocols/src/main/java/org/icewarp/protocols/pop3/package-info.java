/**
 * The POP3 service (RFC 1939) with CAPA, RESP-CODES, AUTH-RESP-CODE, PIPELINING, TOP, UIDL, USER, SASL (RFC 2449,
 * 3206, 5034) and STLS (RFC 2595). The maildrop is the account's INBOX in the server's {@link
 * org.icewarp.storage.MailboxStore}; UIDLs are {@code <uidvalidity>.<uid>} of that folder, so they are stable across
 * sessions and restarts and agree with IMAP's view. {@link org.icewarp.protocols.pop3.Pop3ServiceFactory} is the only
 * public type; options and behaviour are described in {@code icewarp-protocols/README.md}.
 */
package org.icewarp.protocols.pop3;
