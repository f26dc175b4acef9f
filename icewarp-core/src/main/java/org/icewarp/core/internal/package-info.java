/**
 * The kernel's implementation: service runtimes, the registry, the transport handlers, the scheduler, the event bus
 * and the configuration watcher. Not an API: types here are public only so that {@code org.icewarp.server} can wire
 * them, and may change in any release.
 */
package org.icewarp.core.internal;
