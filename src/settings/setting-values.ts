/**
 * How the value of a setting read from the environment is taken, before what it means is checked.
 * Empty counts as unset: CI systems pass an unset secret or variable as '' (`${{ vars.X }}`), and
 * `X= npm run build` is how a shell clears one. A value that is only blanks, or has blanks around
 * it, is refused: it comes from a stray space in CI YAML or a .env file, and taken as it is it
 * names another folder (ARCHIVE_OUT_DIR="  " wrote into a folder named two spaces), or trimmed
 * away it silently means the default. Likewise a path starting with `~`: the shell expands it
 * only at the start of an unquoted word, so in quotes, YAML or .env files it reaches the build as
 * a folder named `~` inside the project.
 */
import path from 'node:path';
import { ConfigError } from '../urls/url-settings.ts';

/** The value as given, or undefined when unset or empty; `example` shows a value the setting takes. */
export function settingValue(name: string, raw: string | undefined, example: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.trim() === '') {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is blank. Give it a value, e.g. ${name}=${example}, or unset it (or set it to the empty string) for the default.`);
  }
  if (raw !== raw.trim()) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} has blanks around its value. Remove them: ${name}=${raw.trim()}`);
  }
  return raw;
}

/** A folder setting's value as given, or undefined when unset or empty; `home` is the user's home folder, for the fix. */
export function settingPath(name: string, raw: string | undefined, example: string, home: string): string | undefined {
  const value = settingValue(name, raw, example);
  if (value === undefined || !value.startsWith('~')) return value;
  const expanded = value === '~' || value.startsWith('~/') ? path.join(home, value.slice(1)) : undefined;
  throw new ConfigError(
    `${name}=${JSON.stringify(raw)} starts with ~, which the shell did not expand (it does only at the start of an unquoted word, not in quotes, CI YAML or .env files). Give an absolute path${expanded ? `: ${name}=${expanded}` : ''}, or a path relative to the project, e.g. ${name}=${example}.`,
  );
}
