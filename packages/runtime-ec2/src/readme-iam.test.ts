import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's IAM example is copied into real policies: it must grant no wildcard action or resource.
describe('the worker README’s IAM example', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  it('grants no service-wide wildcard action and names the log group it may write', () => {
    expect(readme).not.toMatch(/`[a-z0-9]+:\*`/);
    expect(readme).toMatch(/`logs:PutLogEvents`/);
    expect(readme).toMatch(/arn:aws:logs:REGION:ACCOUNT:log-group:[^`*]+:\*/);
  });
});
