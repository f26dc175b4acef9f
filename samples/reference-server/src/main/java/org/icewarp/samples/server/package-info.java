/**
 * The reference server distribution: the {@code icewarp} command line ({@link
 * org.icewarp.samples.server.IceWarpCommand}) that {@code bin/icewarp} runs, with the shipped configuration and
 * Logback setup. See the module's README for the layout of the distribution.
 */
package org.icewarp.samples.server;
