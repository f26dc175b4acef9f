/**
 * The server's configuration: the typed model ({@link org.icewarp.core.config.ServerConfig} and its parts), its YAML
 * form ({@link org.icewarp.core.config.ConfigLoader}) and the builder for embedders.
 *
 * <p>The YAML tree follows the seed's console tree:
 *
 * <pre>{@code
 * system:
 *   server-id: ""                 # load-balancing server ID, part of log and message file names
 *   trusted-ips: ""               # entries separated by ';' (exempt from bandwidth caps)
 *   config:
 *     reload-interval: 2s         # how often the file is checked for changes; 0 turns live reload off
 *   services:
 *     all:
 *       ip: ["*"]                 # the "all services" addresses; * = every local IPv4 and IPv6 address
 *     daytime:                    # a service section; the name is also the type unless 'type' says otherwise
 *       enabled: true             # a service with a section is enabled unless this says false
 *       ports: [13]               # empty: the type's standard ports
 *       bindings:                 # explicit bindings replace 'ports'
 *         - { ip: 192.0.2.10, port: 13, tls: false, certificate: "", require-peer-certificate: false, ca-file: "" }
 *       access: { restrict: true, type: deny, addresses: "192.168.*.*;10.0.0.0/8;[Firewall]" }
 *       limits: { max-incoming: 0, max-outgoing: 0, bandwidth-kbps: 0,
 *                 alert-connections-multiplier: 0, alert-data-multiplier: 0 }
 *       logging: summary          # none | summary | debug | extended
 *   advanced:
 *     patterns:
 *       Firewall: ["192.168.*.*", "206.62.*.*"]
 * }</pre>
 */
package org.icewarp.core.config;
