/** `unicode`: letters, marks and digits with inner apostrophes. `classic`: the Go sample's rules. */
export type Preset = 'unicode' | 'classic';

export interface CountOptions {
  readonly preset?: Preset;
  /** Drop words shorter than this many code points. */
  readonly minLength?: number;
  /** Words to drop, compared after case folding; `'en'` is the shipped English list. */
  readonly stopWords?: 'en' | Iterable<string>;
  /** How many top words to report (default 10). */
  readonly top?: number;
}
