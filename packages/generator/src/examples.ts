/**
 * The configs in the repository's `examples/` directory and the `alloy-gen`
 * arguments that produce them (`pnpm --filter @alloy-toolkit/generator examples`).
 */
export interface ExampleConfig {
  /** File name inside `examples/`. */
  fileName: string;
  /** What the example shows. */
  description: string;
  args: readonly string[];
}

/** `alloy-gen` arguments for the seed guide's first config (also what the tests and the bench run). */
export const SEED_ARGS: readonly string[] = [
  'node-exporter',
  '--remote-write-url',
  'https://prometheus.example.com/api/v1/write',
  '--env',
  'prd',
  '--label',
  'app=my-app',
  '--label',
  'instance_name=my-app-ec2',
];

export const EXAMPLE_CONFIGS: readonly ExampleConfig[] = [
  {
    fileName: 'node-exporter-remote-write.alloy',
    description: "The seed guide's first config: node exporter scraped every 15s, pushed with remote_write.",
    args: SEED_ARGS,
  },
  {
    fileName: 'custom-collectors.alloy',
    description: "The seed guide's custom collectors section, completed into a working config.",
    args: [...SEED_ARGS, '--collectors', 'cpu,diskstats,filesystem,loadavg,meminfo,netdev,uname,processes,systemd,tcpstat'],
  },
  {
    fileName: 'node-exporter-logs.alloy',
    description: 'The seed config plus systemd journal logs shipped to Loki (where the seed points next).',
    args: [...SEED_ARGS, '--logs'],
  },
];
