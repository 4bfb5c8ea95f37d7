import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RenderedEmail } from '../template-renderer';

/** Paths of the files one preview wrote. */
export interface PreviewFiles {
  folder: string;
  subject: string;
  html: string;
  text: string;
}

/** Writes the rendered subject, HTML and text of one message into `folder` (created if needed). */
export function writeEmailPreview(email: RenderedEmail, folder: string): PreviewFiles {
  const target = resolve(folder);
  mkdirSync(target, { recursive: true });

  const files: PreviewFiles = {
    folder: target,
    subject: join(target, 'subject.txt'),
    html: join(target, 'body.html'),
    text: join(target, 'body.txt'),
  };
  writeFileSync(files.subject, `${email.subject}\n`, 'utf8');
  writeFileSync(files.html, email.html, 'utf8');
  writeFileSync(files.text, email.text, 'utf8');
  return files;
}
