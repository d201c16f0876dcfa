// The one manual clock lives in core (its own tests need it, and core may not import this package);
// re-exported here, where users of the memory adapters have always found it.
export { ManualClock, type ManualClockOptions } from '@wordfreq/core';
