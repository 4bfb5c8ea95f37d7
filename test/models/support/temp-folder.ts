import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh folder under the system temp folder, removed by `remove()`. */
export class TempFolder {
  readonly path = mkdtempSync(join(tmpdir(), 'rulecast-models-'));

  /** Writes `content` to a path relative to the folder, creating parent folders. */
  write(relativePath: string, content: string): string {
    const path = join(this.path, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  }

  join(...parts: string[]): string {
    return join(this.path, ...parts);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
