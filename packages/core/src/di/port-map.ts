/**
 * What the use cases need of a composition root: a port by its token. An inversify `Container` is
 * one; a `PortMap` is another, for roots that cannot afford a container (a Lambda cold start).
 */
export interface PortResolver {
  get<T>(token: symbol, options: { optional: true }): T | undefined;
  get<T>(token: symbol): T;
}

/**
 * A plain map from token to port instance: a composition root without a DI container. Every port is
 * a constant made by the root itself, so nothing is resolved lazily and no binding has a scope.
 */
export class PortMap implements PortResolver {
  readonly #ports = new Map<symbol, unknown>();

  constructor(entries: Iterable<readonly [symbol, unknown]> = []) {
    for (const [token, port] of entries) this.bind(token, port);
  }

  bind(token: symbol, port: unknown): this {
    if (this.#ports.has(token)) throw new Error(`${String(token)} is bound already; use rebind to replace it`);
    this.#ports.set(token, port);
    return this;
  }

  /** Replaces (or adds) a port: how a test or a user swaps an adapter before asking for a use case. */
  rebind(token: symbol, port: unknown): this {
    this.#ports.set(token, port);
    return this;
  }

  isBound(token: symbol): boolean {
    return this.#ports.has(token);
  }

  get<T>(token: symbol, options: { optional: true }): T | undefined;
  get<T>(token: symbol): T;
  get<T>(token: symbol, options?: { optional?: boolean }): T | undefined {
    if (this.#ports.has(token)) return this.#ports.get(token) as T;
    if (options?.optional) return undefined;
    throw new Error(`no port is bound for ${String(token)}; bind its adapter in the composition root before asking for a use case that needs it`);
  }
}
