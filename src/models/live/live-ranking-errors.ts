/**
 * A model whose active run cannot rank items live, such as a plugin without an integer
 * `topN` parameter or a run without an artifact. Campaigns then offer from the stored
 * recommendations only.
 */
export class LiveRankingUnavailableError extends Error {
  constructor(
    readonly model: string,
    readonly runId: number,
    reason: string,
  ) {
    super(`model "${model}" run ${runId} cannot rank items live: ${reason}`);
    this.name = 'LiveRankingUnavailableError';
  }
}
