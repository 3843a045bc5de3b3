/**
 * Local images are confined to the content folder. Astro publishes every local image a report
 * links (`![scan](../../private/scan.png)` is copied into the site, hashed but public), so a
 * path that climbs out of the content folder would publish a file that was never meant to be.
 */
import path from 'node:path';

/** The file an image path written in a report names (query and fragment are not part of it). */
export function resolveLocalImage(reportPath: string, image: string): string {
  const file = image.replace(/[?#].*$/, '');
  return path.resolve(path.dirname(reportPath), file);
}

/** Whether `file` is `folder` or lies below it. */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

export function imageOutsideMessage(report: string, image: string, resolved: string, contentDir: string): string {
  return (
    `${report}: the image "${image}" is outside the content folder (it is ${resolved}). ` +
    `Move it into ${contentDir} (beside the report) and link it from there: nothing outside the content folder is published.`
  );
}
