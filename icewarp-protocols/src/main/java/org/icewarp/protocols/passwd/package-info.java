/**
 * The change-password service (the seed's "Enable Change password protocol"): a poppassd-style dialogue on port 106
 * in which a user authenticates with the old password and sets a new one. {@link
 * org.icewarp.protocols.passwd.PasswdServiceFactory} is the only public type; the dialogue and options are described
 * in {@code icewarp-protocols/README.md}.
 */
package org.icewarp.protocols.passwd;
