/**
 * Rules of `discovery.aws`, `discovery.ec2`, `discovery.serverset`, `discovery.azure`, `discovery.dns`,
 * `discovery.hetzner`, `discovery.ionos`, `discovery.nomad`, `discovery.openstack`, the role of
 * `discovery.scaleway`, and of `remote.vault` and `remote.s3`.
 */
import type { BodyContext } from './body.js';
import { goQuote } from './go-format.js';
import { blockNameRange } from '../util.js';
import { bound, notEmpty, oneOf, stringList } from './helpers.js';
import { LOAD_TIME_CODES, type LoadTimeRule, type RuleSet } from './rule-types.js';

const at = (body: BodyContext, name: string) => body.argumentRange(name);

// ---------------------------------------------------------------- discovery.aws

const awsMessages = {
  filters: 'filter blocks are only supported with the ec2 role, not %q',
  clusters: 'clusters is only supported with the ecs, elasticache, msk, and rds roles, not %q',
  concurrency: 'request_concurrency is only supported with the ecs, elasticache, msk, and rds roles, not %q',
};
const awsRoles = ['ec2', 'ecs', 'elasticache', 'lightsail', 'msk', 'rds'];
const awsClusterRoles = ['ecs', 'elasticache', 'msk', 'rds'];

/** The arguments of `discovery.aws` that only some roles accept (an unknown role is alloy/invalid-enum). */
function checkAwsRole(body: BodyContext): void {
  const role = body.stringOf('role');
  if (role === undefined || !awsRoles.includes(role)) return;
  const filter = body.blocks('filter')[0];
  if (filter && role !== 'ec2') {
    body.report(LOAD_TIME_CODES.combination, awsMessages.filters.replace('%q', goQuote(role)), blockNameRange(body.lines, filter));
    return;
  }
  if (awsClusterRoles.includes(role)) return;
  if (body.presence({ attribute: 'clusters' }) === 'set') {
    body.report(LOAD_TIME_CODES.combination, awsMessages.clusters.replace('%q', goQuote(role)), at(body, 'clusters'));
    return;
  }
  const concurrency = body.numberOf('request_concurrency');
  if (body.attribute('request_concurrency') && concurrency !== undefined && concurrency !== 0) {
    body.report(LOAD_TIME_CODES.combination, awsMessages.concurrency.replace('%q', goQuote(role)), at(body, 'request_concurrency'));
  }
}

/** A filter block's `values` written empty. */
const filterValues = (message: string): LoadTimeRule => ({ kind: 'required', anyOf: [{ attribute: 'values' }], message });

// ---------------------------------------------------------------- discovery.serverset

const serversetMessages = {
  servers: 'discovery.serverset config must contain at least one Zookeeper server',
  paths: 'discovery.serverset config must contain at least one path',
  slash: "discovery.serverset config paths must begin with '/': %s",
};

// ---------------------------------------------------------------- remote.vault

const vaultAuthBlocks = ['token', 'approle', 'aws', 'azure', 'gcp', 'kubernetes', 'ldap', 'userpass', 'custom'].map((name) => `auth.${name}`);
const vaultMessages = {
  none: 'exactly one auth.* block must be specified; found none',
  many: 'exactly one auth.* block must be specified; found %d',
  timeout: 'client_options.timeout must be greater than 0',
  awsTypeEmpty: 'type must not be empty',
  awsType: 'unrecognized type %q, expected one of ec2,iam',
  signatureEmpty: 'ec2_signature_type must not be empty',
  signature: ': unrecognized ec2_signature_type %q, expected one of pkcs7,identity',
  gcpAccount: 'iam_service_account must be provided when type is iam',
  gcpType: 'unrecognized type %q, expected one of gce,iam',
};

function checkVaultAuth(body: BodyContext): void {
  const written = vaultAuthBlocks.flatMap((name) => body.blocks(name)).sort((left, right) => left.start - right.start);
  if (written.length === 0) body.report(LOAD_TIME_CODES.combination, vaultMessages.none, body.bodyRange());
  else if (written.length > 1) body.report(LOAD_TIME_CODES.combination, vaultMessages.many.replace('%d', String(written.length)), blockNameRange(body.lines, written[1]!));
}

function checkVaultAws(body: BodyContext): void {
  const type = body.stringOf('type');
  if (type === undefined) return;
  if (type === '') {
    // Absent, the required attribute fails decoding first.
    if (body.attribute('type')) body.report(LOAD_TIME_CODES.value, vaultMessages.awsTypeEmpty, at(body, 'type'));
    return;
  }
  if (type !== 'ec2' && type !== 'iam') {
    body.report(LOAD_TIME_CODES.value, vaultMessages.awsType.replace('%q', goQuote(type)), at(body, 'type'), body.caseFix('type', ['ec2', 'iam']));
    return;
  }
  const signature = body.stringOf('ec2_signature_type');
  if (signature === '') body.report(LOAD_TIME_CODES.value, vaultMessages.signatureEmpty, at(body, 'ec2_signature_type'));
  // Upstream quotes the auth type here, not the signature type.
  else if (signature !== undefined && signature !== 'pkcs7' && signature !== 'identity') {
    body.report(LOAD_TIME_CODES.value, vaultMessages.signature.replace('%q', goQuote(type)), at(body, 'ec2_signature_type'), body.caseFix('ec2_signature_type', ['pkcs7', 'identity']));
  }
}

function checkVaultGcp(body: BodyContext): void {
  if (!body.attribute('type')) return;
  const type = body.stringOf('type');
  if (type === undefined) return;
  if (type === 'iam') {
    if (body.presence({ attribute: 'iam_service_account' }) === 'unset') body.report(LOAD_TIME_CODES.combination, vaultMessages.gcpAccount, at(body, 'type'));
  } else if (type !== 'gce') body.report(LOAD_TIME_CODES.value, vaultMessages.gcpType.replace('%q', goQuote(type)), at(body, 'type'), body.caseFix('type', ['iam', 'gce']));
}

// ---------------------------------------------------------------- discovery.dns

const dnsMessages = {
  port: 'a port is required in DNS-SD configs for all record types except SRV',
  type: 'invalid DNS-SD records type %s',
};

/** The record type is compared upper-cased; a port is needed except for SRV (the type's default). */
function checkDnsType(body: BodyContext): void {
  const type = body.stringOf('type');
  if (type === undefined) return;
  const upper = type.toUpperCase();
  if (upper === 'SRV') return;
  if (!['A', 'AAAA', 'MX', 'NS'].includes(upper)) {
    body.report(LOAD_TIME_CODES.value, dnsMessages.type.replace('%s', type), at(body, 'type'));
    return;
  }
  if (body.numberOf('port') === 0) body.report(LOAD_TIME_CODES.combination, dnsMessages.port, at(body, body.attribute('port') ? 'port' : 'type'));
}

// ---------------------------------------------------------------- discovery.azure

const azureAuthentication = 'exactly one of oauth or managed_identity must be specified';

export const discoveryRemoteRuleSets: RuleSet[] = [
  {
    // v1.18.1 knows oauth and managed_identity; the later pages add sdk_auth and workload_identity,
    // which the data accepts too: a body with one of those is not refused for lacking the others.
    name: 'discovery.azure',
    upstream: 'discovery/azure/azure.go',
    attach: { component: 'discovery.azure', path: [] },
    rules: [
      {
        kind: 'required',
        anyOf: [{ block: 'oauth' }, { block: 'managed_identity' }, { block: 'sdk_auth' }, { block: 'workload_identity' }],
        message: azureAuthentication,
      },
      { kind: 'at-most-one', members: [{ block: 'oauth' }, { block: 'managed_identity' }], message: azureAuthentication },
    ],
  },
  {
    name: 'discovery.dns',
    upstream: 'discovery/dns/dns.go',
    attach: { component: 'discovery.dns', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'dns-type-port',
        arguments: ['type', 'port'],
        messages: [
          { message: dnsMessages.port, code: LOAD_TIME_CODES.combination },
          { message: dnsMessages.type, code: LOAD_TIME_CODES.value },
        ],
        check: checkDnsType,
      },
    ],
  },
  {
    name: 'discovery.hetzner',
    upstream: 'discovery/hetzner/hetzner.go',
    attach: { component: 'discovery.hetzner', path: [] },
    rules: [oneOf('role', ['robot', 'hcloud'], 'unknown role %s, must be one of robot or hcloud')],
  },
  {
    name: 'discovery.ionos',
    upstream: 'discovery/ionos/ionos.go',
    attach: { component: 'discovery.ionos', path: [] },
    rules: [notEmpty('datacenter_id', "datacenter_id can't be empty")],
  },
  {
    name: 'discovery.nomad',
    upstream: 'discovery/nomad/nomad.go',
    attach: { component: 'discovery.nomad', path: [] },
    rules: [notEmpty('server', 'nomad SD configuration requires a server address', { trim: true })],
  },
  {
    // Upstream's role message says "availability" too.
    name: 'discovery.openstack',
    upstream: 'discovery/openstack/openstack.go',
    attach: { component: 'discovery.openstack', path: [] },
    rules: [
      oneOf('availability', ['public', 'internal', 'admin'], 'unknown availability %s, must be one of admin, internal or public'),
      oneOf('role', ['instance', 'hypervisor'], 'unknown availability %s, must be one of instance or hypervisor'),
    ],
  },
  {
    // The Role type's decoder.
    name: 'discovery.scaleway role',
    upstream: 'discovery/scaleway/scaleway.go',
    attach: { component: 'discovery.scaleway', path: [] },
    rules: [oneOf('role', ['baremetal', 'instance'], 'invalid role %q', 'q')],
  },
  {
    name: 'remote.s3',
    upstream: 'remote/s3/types.go',
    attach: { component: 'remote.s3', path: [] },
    rules: [bound('poll_frequency', '>', 30_000_000_000, 'poll_frequency must be greater than 30s')],
  },
  {
    name: 'discovery.aws',
    upstream: 'discovery/aws/aws.go',
    attach: { component: 'discovery.aws', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'aws-role-arguments',
        arguments: ['role', 'filter', 'clusters', 'request_concurrency'],
        messages: Object.values(awsMessages).map((message) => ({ message, code: LOAD_TIME_CODES.combination })),
        check: checkAwsRole,
      },
    ],
  },
  {
    name: 'discovery.aws filter',
    upstream: 'discovery/aws/aws.go',
    attach: { component: 'discovery.aws', path: ['filter'] },
    rules: [filterValues('AWS SD configuration filter values cannot be empty')],
  },
  {
    name: 'discovery.ec2 filter',
    upstream: 'discovery/aws/ec2.go',
    attach: { component: 'discovery.ec2', path: ['filter'] },
    rules: [filterValues('EC2 SD configuration filter values cannot be empty')],
  },
  {
    name: 'discovery.serverset',
    upstream: 'discovery/serverset/serverset.go',
    attach: { component: 'discovery.serverset', path: [] },
    rules: [
      { kind: 'required', anyOf: [{ attribute: 'servers' }], message: serversetMessages.servers },
      { kind: 'required', anyOf: [{ attribute: 'paths' }], message: serversetMessages.paths },
      {
        kind: 'code',
        name: 'serverset-paths',
        arguments: ['paths'],
        messages: [{ message: serversetMessages.slash, code: LOAD_TIME_CODES.value }],
        check: (body) => {
          const paths = body.attribute('paths') ? stringList(body, 'paths') : undefined;
          const relative = paths?.find((path) => !path.startsWith('/'));
          if (relative !== undefined) body.report(LOAD_TIME_CODES.value, serversetMessages.slash.replace('%s', relative), at(body, 'paths'));
        },
      },
    ],
  },
  {
    name: 'remote.vault',
    upstream: 'remote/vault/vault.go',
    attach: { component: 'remote.vault', path: [] },
    rules: [
      {
        kind: 'code',
        name: 'vault-auth',
        arguments: vaultAuthBlocks,
        // No auth block at all is refused.
        evenWhenUnwritten: true,
        messages: [
          { message: vaultMessages.none, code: LOAD_TIME_CODES.combination },
          { message: vaultMessages.many, code: LOAD_TIME_CODES.combination },
        ],
        check: checkVaultAuth,
      },
    ],
  },
  {
    name: 'remote.vault client_options',
    upstream: 'remote/vault/vault.go',
    attach: { component: 'remote.vault', path: ['client_options'] },
    rules: [{ kind: 'compare', left: { argument: 'timeout' }, operator: '!=', right: { constant: 0 }, message: vaultMessages.timeout }],
  },
  {
    name: 'remote.vault auth.aws',
    upstream: 'remote/vault/auth.go',
    attach: { component: 'remote.vault', path: ['auth.aws'] },
    rules: [
      {
        kind: 'code',
        name: 'vault-aws',
        arguments: ['type', 'ec2_signature_type'],
        messages: [
          { message: vaultMessages.awsTypeEmpty, code: LOAD_TIME_CODES.value },
          { message: vaultMessages.awsType, code: LOAD_TIME_CODES.value },
          { message: vaultMessages.signatureEmpty, code: LOAD_TIME_CODES.value },
          { message: vaultMessages.signature, code: LOAD_TIME_CODES.value },
        ],
        check: checkVaultAws,
      },
    ],
  },
  {
    name: 'remote.vault auth.gcp',
    upstream: 'remote/vault/auth.go',
    attach: { component: 'remote.vault', path: ['auth.gcp'] },
    rules: [
      {
        kind: 'code',
        name: 'vault-gcp',
        arguments: ['type', 'iam_service_account'],
        messages: [
          { message: vaultMessages.gcpAccount, code: LOAD_TIME_CODES.combination },
          { message: vaultMessages.gcpType, code: LOAD_TIME_CODES.value },
        ],
        check: checkVaultGcp,
      },
    ],
  },
];
