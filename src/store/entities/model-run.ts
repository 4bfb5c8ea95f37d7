export type ModelRunStatus = 'running' | 'succeeded' | 'failed';

/** One training of a configured model by its plugin. */
export interface ModelRun {
  id: number;
  /** Configured model name, as rules refer to it (`kmeans`, `response`). */
  model: string;
  plugin: string;
  pluginVersion: string;
  params: Record<string, unknown>;
  status: ModelRunStatus;
  /** Epoch milliseconds: the newest data the run read. */
  snapshotAt: number;
  startedAt: number;
  finishedAt: number | null;
  metrics: Record<string, unknown> | null;
  /** The serialized model, as the plugin returned it. */
  artifact: string | null;
  error: string | null;
  /** True for the one run per model whose outputs campaigns read. */
  active: boolean;
}

export interface RecommendedItem {
  itemId: string;
  score: number;
}

/** What one model run produced for one customer. */
export interface ModelOutput {
  customerId: string;
  /** Cluster id for segmenters. */
  segment: number | null;
  /** Probability in [0, 1] or another number for scorers. */
  score: number | null;
  /** Ranked best first, for recommenders. */
  recommendations: RecommendedItem[] | null;
  /** True where a recommender fell back to popularity (no history). */
  coldStart?: boolean;
}
