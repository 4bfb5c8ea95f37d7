/**
 * Coordinate search over settings: from a start, each coordinate in turn tries its
 * options on top of the best settings so far and keeps whichever scores highest.
 * Settings already scored are not scored again.
 */
export type Settings = Readonly<Record<string, unknown>>;

export interface Coordinate {
  name: string;
  options: Settings[];
}

export interface Trial {
  settings: Settings;
  score: number;
}

export interface SearchResult {
  best: Trial;
  trials: Trial[];
}

export async function coordinateSearch(
  start: Settings,
  coordinates: readonly Coordinate[],
  score: (settings: Settings) => Promise<number>,
): Promise<SearchResult> {
  const trials = new Map<string, Trial>();
  const tryOut = async (settings: Settings): Promise<Trial> => {
    const key = JSON.stringify(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b)));
    const known = trials.get(key);
    if (known !== undefined) {
      return known;
    }
    const trial = { settings, score: await score(settings) };
    trials.set(key, trial);
    return trial;
  };

  let best = await tryOut(start);
  for (const coordinate of coordinates) {
    for (const option of coordinate.options) {
      const trial = await tryOut({ ...best.settings, ...option });
      if (trial.score > best.score) {
        best = trial;
      }
    }
  }
  return { best, trials: [...trials.values()] };
}

/** Settings as `key=value` pairs, for reports. */
export function describeSettings(settings: Settings, hidden: readonly string[] = []): string {
  return Object.entries(settings)
    .filter(([key]) => !hidden.includes(key))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}
