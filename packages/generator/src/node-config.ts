/**
 * The configuration the CLI's `node-exporter` and `fleet` commands generate:
 * node exporter + remote_write, optionally journal logs to Loki.
 */
import type { File } from '@alloy-toolkit/syntax';
import { journalLogs, nodeExporter, remoteWrite, type BasicAuthFromEnv, type ConfigPart } from './presets.js';
import { config } from './presets.js';

/** Everything that varies between generated node configs. */
export interface NodeConfigOptions {
  remoteWriteUrl: string;
  /** Written above the remote write URL as a `//` comment. */
  remoteWriteUrlComment?: string;
  environment?: string;
  /** Extra external labels after `instance` and `environment`, in order. */
  labels?: Readonly<Record<string, string>>;
  /** `enable_collectors`; omitted means the default set. */
  enableCollectors?: readonly string[];
  /** `set_collectors`; replaces the default set. */
  setCollectors?: readonly string[];
  /** Names accepted as collectors (default: the schema's collector names). */
  knownCollectors?: ReadonlySet<string>;
  scrapeInterval?: string;
  basicAuth?: BasicAuthFromEnv;
  bearerTokenEnv?: string;
  /** Add journal logs to Loki. */
  logs?: { lokiUrl: string; lokiUrlComment?: string; basicAuth?: BasicAuthFromEnv };
}

export function nodeConfig(options: NodeConfigOptions): File {
  const write = remoteWrite({
    url: options.remoteWriteUrl,
    urlComment: options.remoteWriteUrlComment,
    environment: options.environment,
    externalLabels: options.labels,
    basicAuth: options.basicAuth,
    bearerTokenEnv: options.bearerTokenEnv,
  });
  const parts: ConfigPart[] = [
    nodeExporter({
      enableCollectors: options.enableCollectors,
      setCollectors: options.setCollectors,
      knownCollectors: options.knownCollectors,
      scrapeInterval: options.scrapeInterval,
      forwardTo: [write.receiver],
    }),
    write,
  ];
  if (options.logs) {
    parts.push(
      journalLogs({
        lokiUrl: options.logs.lokiUrl,
        lokiUrlComment: options.logs.lokiUrlComment,
        environment: options.environment,
        externalLabels: options.labels,
        basicAuth: options.logs.basicAuth,
      }),
    );
  }
  return config(...parts);
}

/** The environment variables a node config reads with `sys.env`. */
export function environmentVariablesOf(options: NodeConfigOptions): string[] {
  const names: string[] = [];
  if (options.basicAuth) names.push(options.basicAuth.usernameEnv, options.basicAuth.passwordEnv);
  if (options.bearerTokenEnv !== undefined) names.push(options.bearerTokenEnv);
  if (options.logs?.basicAuth) names.push(options.logs.basicAuth.usernameEnv, options.logs.basicAuth.passwordEnv);
  return [...new Set(names)];
}
