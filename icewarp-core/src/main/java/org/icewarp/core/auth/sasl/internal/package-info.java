/**
 * The stock SASL mechanisms and their shared exchange rules. Not an API: the classes are public only because
 * {@link java.util.ServiceLoader} instantiates them from {@code META-INF/services}; use them through {@link
 * org.icewarp.core.auth.sasl.SaslMechanisms}.
 */
package org.icewarp.core.auth.sasl.internal;
