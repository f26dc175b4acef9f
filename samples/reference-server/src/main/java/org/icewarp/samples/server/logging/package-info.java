/**
 * Logging of the reference server: {@link org.icewarp.samples.server.logging.ServiceLogFileAppender}, a Logback
 * appender that writes the console's log file names ({@code <letter><serverId><yyyymmdd>-<nn>.log}), rotates by size,
 * and deletes files after a number of days. The distribution's {@code conf/logback.xml} shows how it is wired.
 */
package org.icewarp.samples.server.logging;
