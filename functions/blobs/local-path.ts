/**
 * Where the app mounts the local blob store's routes. Its own module so the API (functions/api/app.ts)
 * can name the path without importing the store, which brings the upload publisher (sharp, exifr)
 * and does not belong in the Lambda bundle.
 */
export const LOCAL_BLOBS_PATH = '/local-blobs';
