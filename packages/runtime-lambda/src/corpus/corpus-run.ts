import { BadInputError, type CorpusPart, type CorpusPlanTotals, type CorpusRequest, type ObjectRef } from '@wordfreq/core';

/*
 * What the corpus state machine's steps hand each other, and where a run keeps its files in the work
 * bucket. Every key is derived from the run (the execution's name) and a part or group id, so a
 * retried step overwrites exactly what its first try wrote, and two runs never mix.
 *
 *   corpus-runs/<run>/manifest.json        the parts (a JSON array): the Distributed Map's item source
 *   corpus-runs/<run>/groups.json          the part ids in groups of the reduce fan-in
 *   corpus-runs/<run>/partials/<part>.wfpc one part's partial counts (core's WFPC format)
 *   corpus-runs/<run>/merged/<group>.wfpc  one group's partials merged (only when there are several groups)
 */

export const corpusRunsPrefix = 'corpus-runs/';

/** A group of part ids that one reduce invocation merges. */
export interface CorpusGroup {
  readonly id: string;
  readonly parts: readonly string[];
}

/** The plan step's output, the state the maps pass on unchanged (their results are discarded). */
export interface CorpusPlanOutput {
  readonly runId: string;
  readonly request: CorpusRequest;
  /** When the plan step began: the corpus job's start. */
  readonly startedAt: string;
  readonly totals: CorpusPlanTotals;
  readonly manifest: ObjectRef;
  /** `count` groups of at most the fan-in part ids; more than one makes the state machine merge them first. */
  readonly groups: ObjectRef & { readonly count: number };
}

/** One child execution's input: the ItemBatcher's batch of manifest items and its BatchInput. */
export interface CorpusBatchInput {
  readonly BatchInput: { readonly runId: string };
  readonly Items: readonly CorpusPart[];
}

export type CorpusReduceInput =
  | { readonly mode: 'merge'; readonly runId: string; readonly group: CorpusGroup }
  | { readonly mode: 'final'; readonly plan: CorpusPlanOutput };

/** Execution names are 1-80 of these characters (Step Functions' own rule), which keeps every key plain. */
export function checkRunId(runId: unknown): string {
  if (typeof runId !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(runId)) {
    throw new BadInputError(`a corpus run id is 1-80 letters, digits, - or _ (the execution's name), got ${JSON.stringify(runId)}`);
  }
  return runId;
}

export const corpusKeys = {
  manifest: (runId: string) => `${corpusRunsPrefix}${runId}/manifest.json`,
  groups: (runId: string) => `${corpusRunsPrefix}${runId}/groups.json`,
  partial: (runId: string, partId: string) => `${corpusRunsPrefix}${runId}/partials/${checkId(partId)}.wfpc`,
  merged: (runId: string, groupId: string) => `${corpusRunsPrefix}${runId}/merged/${checkId(groupId)}.wfpc`,
};

function checkId(id: string): string {
  // Plan ids are p<index>-<hash> and g<index>: anything else did not come from our plan.
  if (!/^[a-z0-9-]{1,64}$/.test(id)) throw new BadInputError(`a corpus part or group id is 1-64 of a-z, 0-9 and -, got ${JSON.stringify(id)}`);
  return id;
}

/** The ids of `parts` in groups of at most `fanIn`, in plan order: `g00000`, `g00001`, ... */
export function groupParts(partIds: readonly string[], fanIn: number): CorpusGroup[] {
  const groups: CorpusGroup[] = [];
  const width = Math.max(5, String(Math.ceil(partIds.length / fanIn) - 1).length);
  for (let start = 0; start < partIds.length; start += fanIn) {
    groups.push({ id: `g${String(groups.length).padStart(width, '0')}`, parts: partIds.slice(start, start + fanIn) });
  }
  return groups;
}
