// Types for the part of ml-kmeans 7 this plugin calls. The package publishes its
// types only through package.json "exports", which the project's TypeScript module
// resolution ("node") does not read.
declare module 'ml-kmeans' {
  export interface KMeansOptions {
    distanceFunction?: (p: number[], q: number[]) => number;
    tolerance?: number;
    initialization?: 'kmeans++' | 'random' | 'mostDistant' | number[][];
    maxIterations?: number;
    seed?: number;
  }

  export interface KMeansResult {
    clusters: number[];
    centroids: number[][];
    converged: boolean;
    iterations: number;
  }

  export function kmeans(data: number[][], K: number, options: KMeansOptions): KMeansResult;
}
