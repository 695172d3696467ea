#!/usr/bin/env node
/**
 * The `alloy-language-server` executable: speaks LSP over stdio
 * (`--stdio`, the default), or over the transport named on the command line
 * (`--node-ipc`, `--socket=N`), as vscode-languageserver's createConnection reads it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createAlloyLanguageServer, serverName, serverVersion } from './languageServer.js';

const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(`${serverName} ${serverVersion}\n`);
} else if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(`Usage: ${serverName} --stdio\n\nThe Grafana Alloy language server. Editors start it and talk LSP over stdin/stdout.\n`);
} else {
  if (!argv.some((argument) => argument === '--stdio' || argument === '--node-ipc' || argument.startsWith('--socket') || argument.startsWith('--pipe'))) {
    process.argv.push('--stdio');
  }
  createAlloyLanguageServer(createConnection(ProposedFeatures.all));
}
