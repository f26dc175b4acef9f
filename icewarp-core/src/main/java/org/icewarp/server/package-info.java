/** The facade an application embeds: {@link org.icewarp.server.IceWarpServer}. */
package org.icewarp.server;
