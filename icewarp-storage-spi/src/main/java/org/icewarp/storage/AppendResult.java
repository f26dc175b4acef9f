package org.icewarp.storage;

/**
 * What a durable append returns (IMAP's APPENDUID needs the first two).
 *
 * @param uid the new message's UID
 * @param uidValidity the folder's UIDVALIDITY
 * @param uidNext the folder's UIDNEXT after the append
 * @param size the stored size in bytes
 */
public record AppendResult(long uid, long uidValidity, long uidNext, long size) {}
