package org.icewarp.storage;

/**
 * An account's totals over all its folders, kept current without scanning.
 *
 * @param messages messages
 * @param bytes bytes
 */
public record AccountUsage(long messages, long bytes) {}
