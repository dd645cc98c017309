/**
 * Whether a run's picture is a scene drawn from its prompt (no photo was given) or the user's own
 * picture. New runs say so in `input.drawn`; runs made before that field only had the picture's
 * name to go by, so for them, and only for them, the name the app and the CLI gave drawn pictures
 * decides. A photo the user happened to name that way is a photo whenever the field is present.
 */

/** The input name a run made from a drawn scene is given (also the drawn picture's file name on import). */
export const DRAWN_IMAGE_NAME = 'drawn-from-prompt.png';

export function isDrawnInput(input: { name: string; drawn?: boolean | undefined }): boolean {
  return input.drawn ?? input.name === DRAWN_IMAGE_NAME;
}

/** The input a run records: the picture, its name (the file's, unless given), the prompt, and whether it was drawn. */
export function runInputRecord(request: { image: string; name?: string | undefined; drawn?: boolean | undefined }, prompt: string) {
  return { image: request.image, name: request.name ?? request.image.split(/[\\/]/).pop() ?? 'image', prompt, drawn: request.drawn ?? false };
}
