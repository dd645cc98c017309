/**
 * Where an imported image lives inside the library (imports are named by their hash under
 * `inputs/`); null for a picture the CLI read from elsewhere on disk, which the app cannot load.
 */
export function libraryImagePath(image: string): string | null {
  const match = /(?:^|[\\/])(inputs[\\/][^\\/]+)$/.exec(image);
  return match?.[1] ? match[1].replace(/\\/g, '/') : null;
}
