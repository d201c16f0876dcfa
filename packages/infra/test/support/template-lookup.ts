import type { TemplateJson } from './synth.js';

type Resource = TemplateJson['Resources'][string];

/** The one resource of `type` whose logical id starts with `prefix` (stable: ids are construct paths). */
export function resourceByPrefix(json: TemplateJson, type: string, prefix: string): [string, Resource] {
  const found = Object.entries(json.Resources).filter(([id, r]) => r.Type === type && id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} with a logical id starting ${prefix}, found ${found.map(([id]) => id).join(', ') || 'none'}`);
  return found[0] as [string, Resource];
}

/** The resource of `type` with `property` equal to `value` (a queue by QueueName, a table by TableName). */
export function resourceWith(json: TemplateJson, type: string, property: string, value: unknown): [string, Resource] {
  const found = Object.entries(json.Resources).filter(([, r]) => r.Type === type && r.Properties?.[property] === value);
  if (found.length !== 1) throw new Error(`expected one ${type} with ${property} ${String(value)}, found ${found.length}`);
  return found[0] as [string, Resource];
}

/** The user data of the launch template as the shell script the instance runs (tokens resolved by `resolve`). */
export function userDataScript(json: TemplateJson, resolve: (value: unknown) => unknown): string {
  const [, template] = resourceByPrefix(json, 'AWS::EC2::LaunchTemplate', 'Fleet');
  return String(resolve(template.Properties.LaunchTemplateData.UserData));
}

/** The lines of a heredoc `cat > file <<MARKER` ... `MARKER` in a script. */
export function heredoc(script: string, marker: string): string[] {
  const lines = script.split('\n');
  const start = lines.findIndex((line) => line.endsWith(`<<${marker}`));
  const end = lines.indexOf(marker, start + 1);
  if (start < 0 || end < 0) throw new Error(`no heredoc ${marker} in the script`);
  return lines.slice(start + 1, end);
}
