/**
 * Authentication for every protocol: the {@link org.icewarp.core.auth.Authenticator} (policy, login policy, backend
 * chain, authentication log), the {@link org.icewarp.core.auth.AuthBackend} SPI with the local store and directory
 * bind as stock links, the password records of {@link org.icewarp.core.auth.CredentialService} (Argon2id or PBKDF2
 * hashes in PHC form, SCRAM keys, an optional reversible secret), and the one {@link org.icewarp.core.auth.AuthPolicy}
 * that decides which mechanisms a connection may use.
 *
 * <p>Threading: hashing and directory binds run on the authenticator's bounded executor, never on an event loop.
 * Nothing here logs a password, a token or a SASL payload; {@code toString()} of every type that holds one hides it.
 * SASL mechanisms live in the subpackage {@code org.icewarp.core.auth.sasl}.
 */
package org.icewarp.core.auth;
