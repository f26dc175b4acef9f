package org.icewarp.samples.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.icewarp.core.service.ServiceFactory;

/** The service types on the class path, found as the server finds them. */
final class ServiceTypes {
    private ServiceTypes() {}

    /** Every {@link ServiceFactory} that {@link ServiceLoader} finds, by type, in class path order. */
    static Map<String, ServiceFactory> onClassPath() {
        Map<String, ServiceFactory> found = new LinkedHashMap<>();
        for (ServiceFactory f : ServiceLoader.load(ServiceFactory.class, ServiceTypes.class.getClassLoader())) {
            found.putIfAbsent(f.type(), f);
        }
        return Collections.unmodifiableMap(found);
    }

    /** Whether each type runs by default, for the configuration loader. */
    static Map<String, Boolean> enabledByDefault(Map<String, ServiceFactory> types) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        types.forEach((type, f) -> out.put(type, f.enabledByDefault()));
        return out;
    }
}
