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
 *   auth:                         # see org.icewarp.core.auth.AuthSettings and PasswordSettings
 *     logging: summary            # the authentication log: none | summary | debug | extended
 *     disable-plain: false        # refuse PLAIN, LOGIN, USER/PASS for all services
 *     plain-without-tls: false    # allow them without TLS
 *     login-with-email: true      # false: bare names are taken in primary-domain
 *     primary-domain: ""
 *     threads: 2                  # verifications at once (default: processors)
 *     queue: 1000                 # attempts waiting; beyond, a temporary failure
 *     login-policy: { account-failures: 5, ip-failures: 20, window: 10m, block: 30m, tracked: 100000 }
 *     password:
 *       algorithm: argon2id       # or pbkdf2-sha256
 *       argon2: { memory-kib: 19456, iterations: 2, parallelism: 1 }
 *       pbkdf2: { iterations: 100000 }
 *       scram: { iterations: 4096 }               # 0: no SCRAM keys
 *       reversible: { enabled: false, key: "" }   # AES key, base64 of 16 or 32 bytes
 *     directory:
 *       corp: { urls: ["ldaps://dc1.example.com:636"], timeout: 10s }
 * }</pre>
 */
package org.icewarp.core.config;
