/**
 * The IMAP4rev1 server (RFC 3501): {@link org.icewarp.protocols.imap.ImapServiceFactory} is the only public type.
 *
 * <p>Shape: {@code ImapDecoder} finds command boundaries (literals included) and pauses after each command; {@code
 * ImapSession} is the per-connection state machine; {@code ImapCommands} declares every command with the states it is
 * allowed in; each command is one {@code ImapProcessor} with its request record and parser. Storage runs on the
 * kernel's blocking executor; the event loop never blocks.
 */
package org.icewarp.protocols.imap;
