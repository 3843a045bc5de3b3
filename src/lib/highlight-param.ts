/**
 * The URL parameter that carries searched words from a search result to the report page, where
 * they are highlighted on that visit only. Its own module so the every-page script that reads it
 * pulls in nothing else.
 */
export const HIGHLIGHT_PARAM = 'highlight';
