/**
 * Pieces the protocol packages share. Internal: public only because the protocols live in several packages; not part of
 * the library's API and may change without notice.
 */
package org.icewarp.protocols.internal;
