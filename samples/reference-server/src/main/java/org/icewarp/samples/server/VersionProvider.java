package org.icewarp.samples.server;

import picocli.CommandLine.IVersionProvider;

/** The version every command prints for {@code --version}: the jar's Implementation-Version and the Java runtime. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "icewarp " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.vm.name") + ")"
        };
    }

    /** The distribution's version, or a marker when running from classes rather than the jar (tests, an IDE). */
    static String version() {
        String v = IceWarpCommand.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
