import { describe, expect, it } from 'vitest';
import { checkText, type CheckOptions } from '../src/index.js';

function check(text: string, options: CheckOptions = {}) {
  return checkText(text, { stabilityLevel: 'experimental', ...options }).diagnostics;
}

function codes(text: string, options: CheckOptions = {}): string[] {
  return check(text, options).map((diagnostic) => diagnostic.code);
}

function messages(text: string, options: CheckOptions = {}): string[] {
  return check(text, options).map((diagnostic) => diagnostic.message);
}

const remoteWrite = `prometheus.remote_write "default" {
  endpoint {
    url = "https://prometheus.example.com/api/v1/write"
  }
}
`;

describe('references', () => {
  it('resolves a component export', () => {
    const text = `${remoteWrite}prometheus.exporter.unix "node" {}
prometheus.scrape "node" {
  targets    = prometheus.exporter.unix.node.targets
  forward_to = [prometheus.remote_write.default.receiver]
}
`;
    expect(codes(text)).toEqual([]);
  });

  it('reports a missing component with upstream text and a suggestion', () => {
    const text = `${remoteWrite}prometheus.scrape "node" {
  targets    = []
  forward_to = [prometheus.remote_write.defualt.receiver]
}
`;
    const diagnostics = check(text);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unresolved-reference']);
    expect(diagnostics[0]!.message).toBe(
      'component "prometheus.remote_write.defualt.receiver" does not exist or is out of scope; did you mean "prometheus.remote_write.default.receiver"?',
    );
    expect(text.slice(diagnostics[0]!.range.start.offset, diagnostics[0]!.range.end.offset)).toBe('prometheus.remote_write.defualt.receiver');
  });

  it('reports an unknown identifier', () => {
    expect(messages('local.file "x" {\n  filename = coalesce(MY_VAR, "a")\n}\n')).toEqual(['identifier "MY_VAR" does not exist']);
  });

  it('reports an export the component does not have', () => {
    const text = `prometheus.exporter.unix "node" {}
prometheus.scrape "node" {
  targets    = prometheus.exporter.unix.node.target
  forward_to = []
}
`;
    const diagnostics = check(text);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unknown-export']);
    expect(diagnostics[0]!.message).toBe('field "target" does not exist; did you mean "targets"?');
  });

  it('accepts stdlib functions and constants, rejects unknown stdlib names', () => {
    expect(codes('local.file "x" {\n  filename = sys.env("HOME") + constants.hostname\n}\n')).toEqual([]);
    expect(codes('local.file "x" {\n  filename = sys.envv("HOME")\n}\n')).toEqual(['alloy/unknown-stdlib-name']);
  });

  it('warns about a component shadowing a stdlib name', () => {
    const text = 'declare "sys" {\n  export "env" {\n    value = "x"\n  }\n}\nsys "sys" {}\nlocal.file "f" {\n  filename = sys.sys.env\n}\n';
    expect(codes(text)).toEqual(['alloy/stdlib-shadowing']);
  });

  it('does not let the root see into a foreach template, but lets the template see out', () => {
    const text = `prometheus.exporter.unix "outer" {}
foreach "each" {
  collection = []
  var        = "item"
  template {
    prometheus.exporter.redis "inner" {
      redis_addr = item
    }
    prometheus.scrape "inner" {
      targets    = array.concat(prometheus.exporter.redis.inner.targets, prometheus.exporter.unix.outer.targets)
      forward_to = []
    }
  }
}
prometheus.scrape "outer" {
  targets    = prometheus.exporter.redis.inner.targets
  forward_to = []
}
`;
    expect(messages(text)).toEqual(['component "prometheus.exporter.redis.inner.targets" does not exist or is out of scope']);
  });

  it('does not let a declare body see the root', () => {
    const text = `${remoteWrite}declare "m" {
  prometheus.scrape "s" {
    targets    = []
    forward_to = [prometheus.remote_write.default.receiver]
  }
}
`;
    expect(codes(text)).toEqual(['alloy/unresolved-reference']);
  });
});

describe('cycles', () => {
  it('reports each member of a cycle with the sorted path', () => {
    const text = `prometheus.relabel "b" {
  forward_to = [prometheus.relabel.a.receiver]
}
prometheus.relabel "a" {
  forward_to = [prometheus.relabel.b.receiver]
}
`;
    expect(messages(text)).toEqual([
      'cycle detected: prometheus.relabel.a, prometheus.relabel.b',
      'cycle detected: prometheus.relabel.a, prometheus.relabel.b',
    ]);
  });
  it('reports a self reference', () => {
    expect(messages('prometheus.relabel "a" {\n  forward_to = [prometheus.relabel.a.receiver]\n}\n')).toEqual(['cannot reference self']);
  });
  it('accepts a chain', () => {
    const text = `${remoteWrite}prometheus.relabel "a" {
  forward_to = [prometheus.remote_write.default.receiver]
}
`;
    expect(codes(text)).toEqual([]);
  });
});

describe('component blocks', () => {
  it('reports an unknown component with a suggestion', () => {
    const diagnostics = check('prometheus.scrap "x" {\n}\n');
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'cannot find the definition of component name "prometheus.scrap"; did you mean "prometheus.scrape"?',
    ]);
  });
  it('reports a missing label', () => {
    expect(messages('prometheus.exporter.unix {\n}\n')).toEqual(['component "prometheus.exporter.unix" must have a label']);
  });
  it('reports duplicate labels', () => {
    expect(messages('prometheus.exporter.unix "a" {}\nprometheus.exporter.unix "a" {}\n', { fileName: 'main.alloy' })).toEqual([
      'block prometheus.exporter.unix.a already declared at main.alloy:1:1',
    ]);
  });
  it('reports unknown arguments and blocks with suggestions', () => {
    const text = `prometheus.scrape "x" {
  targets        = []
  forward_to     = []
  scrape_intrval = "15s"
  basic_auths {
  }
}
`;
    expect(messages(text)).toEqual([
      'unrecognized attribute name "scrape_intrval"; did you mean "scrape_interval"?',
      'unrecognized block name "basic_auths"; did you mean "basic_auth"?',
    ]);
  });
  it('reports missing required attributes and blocks', () => {
    expect(messages('prometheus.scrape "x" {\n  targets = []\n}\n')).toEqual(['missing required attribute "forward_to"']);
    expect(codes('prometheus.remote_write "x" {\n  endpoint {\n  }\n}\n')).toEqual(['alloy/missing-attribute']);
  });
  it('reports an attribute given as a block and the reverse', () => {
    const asBlock = 'prometheus.remote_write "x" {\n  external_labels {\n  }\n}\n';
    expect(messages(asBlock)).toEqual(['"external_labels" must be an attribute, but is used as a block']);
    const asAttribute = 'prometheus.remote_write "x" {\n  endpoint = {}\n}\n';
    expect(messages(asAttribute)).toEqual(['"endpoint" must be a block, but is used as an attribute']);
  });
  it('reports a repeated attribute and a repeated non-repeatable block', () => {
    expect(messages('logging {\n  level = "info"\n  level = "warn"\n}\n')).toEqual(['attribute "level" may only be provided once']);
    const text = `prometheus.scrape "x" {
  targets    = []
  forward_to = []
  basic_auth {
    username = "a"
  }
  basic_auth {
    username = "b"
  }
}
`;
    expect(messages(text)).toEqual(['block "basic_auth" may only be specified once']);
  });
  it('accepts repeatable blocks', () => {
    const text = `prometheus.remote_write "x" {
  endpoint {
    url = "http://a:9090/api/v1/write"
  }
  endpoint {
    url = "http://b:9090/api/v1/write"
  }
}
`;
    expect(codes(text)).toEqual([]);
  });
  it('reports a top-level attribute', () => {
    expect(messages('level = "info"\n')).toEqual(['unrecognized attribute level']);
  });
  it('reports a label on a block that takes none, with a fix', () => {
    const diagnostics = check('logging "x" {\n}\n');
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/unexpected-label']);
    expect(diagnostics[0]!.fix).toBeDefined();
  });
  it('reports a service that cannot be configured', () => {
    expect(messages('cluster {\n}\n')).toContain('service "cluster" does not support being configured');
  });
});

describe('types', () => {
  it('checks literal kinds', () => {
    const text = 'loki.source.file "x" {\n  targets    = []\n  forward_to = "wrong"\n  encoding   = true\n}\n';
    expect(messages(text)).toEqual(['expected array, got string', 'expected string, got bool']);
  });
  it('checks durations with Go syntax', () => {
    const bad = 'prometheus.scrape "x" {\n  targets = []\n  forward_to = []\n  scrape_interval = "15 sec"\n}\n';
    expect(messages(bad)).toEqual(['time: unknown unit " sec" in duration "15 sec"']);
    const good = 'prometheus.scrape "x" {\n  targets = []\n  forward_to = []\n  scrape_interval = "1m30s"\n}\n';
    expect(codes(good)).toEqual([]);
  });
  it('checks enum values', () => {
    expect(codes('logging {\n  level = "verbose"\n}\n')).toEqual(['alloy/invalid-enum']);
    expect(codes('logging {\n  level = "debug"\n}\n')).toEqual([]);
  });
  it('checks capsule types of references', () => {
    const text = `loki.write "logs" {
  endpoint {
    url = "http://loki:3100/loki/api/v1/push"
  }
}
prometheus.scrape "x" {
  targets    = []
  forward_to = [loki.write.logs.receiver]
}
`;
    const diagnostics = check(text);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/type-mismatch']);
    expect(diagnostics[0]!.message).toContain('loki.write.logs.receiver');
  });
  it('reports a string where a capsule is required', () => {
    const text = 'prometheus.scrape "x" {\n  targets    = []\n  forward_to = ["prometheus.remote_write.default.receiver"]\n}\n';
    expect(messages(text)).toEqual(['expected capsule("MetricsReceiver"), got string']);
  });
  it('accepts number to string conversion', () => {
    expect(codes('local.file "x" {\n  filename = 5\n}\n')).toEqual([]);
  });
});

describe('modules', () => {
  it('takes arguments and exports of a declare', () => {
    const text = `declare "add" {
  argument "a" {}
  argument "b" {
    optional = true
  }
  export "sum" {
    value = argument.a.value
  }
}
add "x" {
  a = 1
}
local.file "f" {
  filename = add.x.sum
}
`;
    expect(codes(text)).toEqual([]);
    expect(messages(text.replace('a = 1', 'c = 1'))).toEqual(['missing required attribute "a"', 'unrecognized attribute name "c"; did you mean "a"?']);
    expect(codes(text.replace('add.x.sum', 'add.x.total'))).toEqual(['alloy/unknown-export']);
  });
  it('rejects argument and export blocks outside a module', () => {
    expect(messages('argument "x" {}\n')).toEqual(['argument blocks only allowed inside a module']);
    expect(messages('export "x" {\n  value = 1\n}\n')).toEqual(['export blocks only allowed inside a module']);
  });
  it("says at the top level how Alloy's modules differ from Grafana Agent Flow's classic ones", () => {
    const [outside] = check('argument "x" {}\n');
    expect(outside?.hint).toMatch(/^argument and export blocks belong in a declare block, .* Grafana Agent Flow classic module \(loaded with module\.file, module\.git, \.\.\.\) must be rewritten/);
    // Inside a foreach template the block is no classic module's: no hint.
    const [inForeach] = check('foreach "f" {\n  collection = []\n  var = "x"\n  template {\n    argument "y" {}\n  }\n}\n').filter(
      (diagnostic) => diagnostic.code === 'alloy/module-only-block',
    );
    expect(inForeach?.hint).toBeUndefined();
    const loaders = check('module.git "m" {\n  repository = "https://example.com/modules.git"\n  path = "m.river"\n}\nmodule.file "f" {\n  filename = "f.river"\n}\n');
    expect(loaders.map((diagnostic) => [diagnostic.message, diagnostic.hint])).toEqual([
      [
        'cannot find the definition of component name "module.git"',
        "module.git is Grafana Agent Flow's classic module loader, which Alloy does not have: rewrite the module as declare blocks, load it with import.git and use the custom components it defines",
      ],
      [
        'cannot find the definition of component name "module.file"',
        "module.file is Grafana Agent Flow's classic module loader, which Alloy does not have: rewrite the module as declare blocks, load it with import.file and use the custom components it defines",
      ],
    ]);
    expect(check('modules.git "m" {}\n')[0]?.hint).toBeUndefined();
  });
  it('rejects logging inside a module and inside foreach', () => {
    expect(messages('declare "m" {\n  logging {}\n}\n')).toEqual(['logging not allowed in module']);
    expect(messages('foreach "f" {\n  collection = []\n  var = "x"\n  template {\n    logging {}\n  }\n}\n')).toEqual([
      'logging not allowed in foreach',
    ]);
  });
  it('rejects a custom component outside the scope of its declare', () => {
    const text = 'declare "outer" {\n  declare "inner" {}\n  inner "ok" {}\n}\ninner "bad" {}\n';
    expect(messages(text)).toEqual(['cannot find the definition of component name "inner"']);
  });
  it("rejects the label 'declare'", () => {
    expect(codes('declare "declare" {}\n')).toEqual(['alloy/invalid-declare-label']);
  });
  it('accepts remote imports with an info diagnostic', () => {
    const text = 'import.git "mods" {\n  repository = "https://example.com/m.git"\n  path = "m"\n}\nmods.anything "x" {\n  whatever = 1\n}\n';
    const diagnostics = check(text);
    expect(diagnostics.map((diagnostic) => `${diagnostic.code}:${diagnostic.severity}`)).toEqual(['alloy/import-not-fetched:info']);
  });
});

describe('stability and deprecations', () => {
  it('warns about an experimental component under the default level, naming the flag', () => {
    const text = 'foreach "f" {\n  collection = []\n  var = "x"\n  template {}\n}\n';
    const diagnostics = checkText(text).diagnostics;
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/stability']);
    expect(diagnostics[0]!.severity).toBe('warning');
    expect(diagnostics[0]!.message).toContain('--stability.level');
    expect(diagnostics[0]!.message).toContain('"experimental"');
    expect(checkText(text, { stabilityLevel: 'experimental' }).diagnostics).toEqual([]);
  });
  it('warns about a deprecated stdlib name, with a fix', () => {
    const diagnostics = check('local.file "x" {\n  filename = env("HOME")\n}\n');
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['alloy/deprecated']);
    expect(diagnostics[0]!.fix?.edits[0]?.newText).toBe('sys.env');
  });
});

describe('best practices', () => {
  it('flags literal secrets when enabled', () => {
    const text = `prometheus.remote_write "x" {
  endpoint {
    url = "https://p.example.com/api/v1/write"
    basic_auth {
      username = "u"
      password = "hunter2"
    }
  }
}
`;
    expect(codes(text)).toEqual([]);
    expect(codes(text, { rules: { 'best-practice/literal-secret': 'warn' } })).toEqual(['best-practice/literal-secret']);
    expect(codes(text.replace('"hunter2"', 'sys.env("PASSWORD")'), { rules: { 'best-practice/literal-secret': 'warn' } })).toEqual([]);
  });
  it('flags unused components when enabled', () => {
    const rules = { 'best-practice/unused-component': 'warn' } as const;
    expect(codes('prometheus.exporter.unix "node" {}\n', { rules })).toEqual(['best-practice/unused-component']);
    const used = 'prometheus.exporter.unix "node" {}\nprometheus.scrape "s" {\n  targets = prometheus.exporter.unix.node.targets\n  forward_to = []\n}\n';
    expect(codes(used, { rules })).toEqual([]);
  });
  it('flags a scrape_timeout longer than scrape_interval with the error Alloy gives (not also the old warning)', () => {
    const text = 'prometheus.scrape "x" {\n  targets = []\n  forward_to = []\n  scrape_interval = "10s"\n  scrape_timeout = "30s"\n}\n';
    expect(codes(text)).toEqual(['alloy/out-of-range']);
    expect(messages(text)).toEqual(['scrape_timeout (30s) greater than scrape_interval (10s) for scrape config with job name ""']);
    expect(codes(text.replace('"30s"', '"5s"'))).toEqual([]);
  });
  it('flags remote_write URLs', () => {
    const text = (url: string) => `prometheus.remote_write "x" {\n  endpoint {\n    url = "${url}"\n  }\n}\n`;
    const rules = { 'best-practice/remote-write-url': 'warn' } as const;
    // Off by default: Mimir and Grafana Cloud push URLs do not end in /api/v1/write.
    expect(codes(text('https://mimir:9009/api/v1/push'))).toEqual([]);
    expect(codes(text('prometheus:9090/api/v1/write'), { rules })).toEqual(['best-practice/remote-write-url']);
    expect(codes(text('https://prometheus:9090/push'), { rules })).toEqual(['best-practice/remote-write-url']);
    expect(codes(text('https://prometheus:9090/api/v1/write'), { rules })).toEqual([]);
  });
  it('flags invalid Prometheus label names in external_labels', () => {
    const text = `${remoteWrite.replace(/}\n$/, '')}  external_labels = {
    "instance-name" = "a",
    good_name       = "b",
  }
}
`;
    expect(codes(text)).toEqual(['best-practice/label-name']);
  });
});

describe('rule settings', () => {
  it('turns a rule off or changes its severity', () => {
    const text = 'prometheus.scrap "x" {\n}\n';
    expect(codes(text, { rules: { 'alloy/unknown-component': 'off' } })).toEqual([]);
    expect(check(text, { rules: { 'alloy/unknown-component': 'warn' } })[0]!.severity).toBe('warning');
  });
});

describe('files with syntax errors', () => {
  it('keeps semantic diagnostics of clean statements and drops those of broken ones', () => {
    const text = `# a comment
prometheus.scrap "a" {}
prometheus.scrape "b" {
  targets = [
  forward_to = []
}
`;
    const found = check(text).map((diagnostic) => `${diagnostic.range.start.line}:${diagnostic.code}`);
    expect(found).toContain('1:syntax/hash-comment');
    expect(found).toContain('2:alloy/unknown-component');
    expect(found.filter((entry) => entry.startsWith('3:') || entry.startsWith('4:') || entry.startsWith('5:')).every((entry) => entry.includes('syntax/'))).toBe(true);
  });
});

describe('robustness', () => {
  it('never throws on broken input', () => {
    for (const text of ['', '{', 'a.b "x" {', 'x = ', '"', 'declare {', 'foreach "x" { template { foreach "y" { template {', '[[[[[[[[[[']) {
      expect(() => checkText(text)).not.toThrow();
    }
  });
  it('handles a very long binary expression without overflowing the stack', () => {
    const text = `local.file "x" {\n  filename = ${Array.from({ length: 20000 }, (_, index) => `"${index}"`).join(' + ')}\n}\n`;
    expect(() => checkText(text)).not.toThrow();
  });
});
