/**
 * The same port with some methods replaced: how tests inject faults (throttling, outages) into a
 * real adapter without touching it. Other members pass through, bound to the real object so private
 * fields keep working.
 */
export function wrapPort<T extends object>(port: T, overrides: Partial<T>): T {
  return new Proxy(port, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
