import type { BasicAuthFromEnv } from './presets.js';
import { GeneratorInputError, validateEnvVarName } from './validate.js';

/** Parses `USER_VAR:PASS_VAR` into the variables holding basic auth credentials. */
export function parseBasicAuthEnv(text: string): BasicAuthFromEnv {
  const parts = text.split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    throw new GeneratorInputError(`basic auth ${JSON.stringify(text)} must be USER_VAR:PASS_VAR (two environment variable names)`);
  }
  const [usernameEnv = '', passwordEnv = ''] = parts;
  validateEnvVarName(usernameEnv, 'basic auth user variable');
  validateEnvVarName(passwordEnv, 'basic auth password variable');
  return { usernameEnv, passwordEnv };
}

/** Parses `name=value` into a label; the value may contain `=`. */
export function parseLabelAssignment(text: string): [string, string] {
  const separator = text.indexOf('=');
  if (separator <= 0) throw new GeneratorInputError(`label ${JSON.stringify(text)} must be name=value`);
  const value = text.slice(separator + 1);
  if (value === '') throw new GeneratorInputError(`label ${JSON.stringify(text.slice(0, separator))} has an empty value`);
  return [text.slice(0, separator), value];
}

/** Splits `a,b,c` into names, rejecting empty entries. */
export function parseNameList(text: string, what: string): string[] {
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new GeneratorInputError(`${what} ${JSON.stringify(text)} has an empty entry`);
  return names;
}
