/** The Daytime protocol (RFC 867), the simplest service of the server and the proof of the kernel's chain. */
package org.icewarp.protocols.daytime;
