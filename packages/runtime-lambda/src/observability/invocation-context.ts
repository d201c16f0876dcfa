import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogFields } from '@wordfreq/core';
import type { Context as LambdaContext } from 'aws-lambda';

/** What every log line and metric of one Lambda invocation is tagged with. */
export interface Invocation {
  readonly requestId: string;
  readonly functionName?: string;
}

// Container singletons (adapters, use cases) log through one shared logger; async-local storage
// lets that logger find the request id of whichever invocation is running without threading it
// through every call.
const storage = new AsyncLocalStorage<Invocation>();

export function runInInvocation<T>(invocation: Invocation, fn: () => T): T {
  return storage.run(invocation, fn);
}

export function currentInvocation(): Invocation | undefined {
  return storage.getStore();
}

/** The log fields of the running invocation (its `requestId`), for the JSON logger's context provider. */
export function invocationLogFields(): LogFields | undefined {
  const invocation = storage.getStore();
  return invocation === undefined ? undefined : { requestId: invocation.requestId };
}

/** Wraps a handler so everything it does, however deep and async, logs with its request id. */
export function inInvocation<E, R>(
  fn: (event: E, context: LambdaContext) => Promise<R>,
): (event: E, context: LambdaContext) => Promise<R> {
  return (event, context) => runInInvocation({ requestId: context.awsRequestId, functionName: context.functionName }, () => fn(event, context));
}
