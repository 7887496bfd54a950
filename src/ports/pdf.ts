/**
 * PDF port: turns a self-contained HTML page (inline CSS and images, nothing fetched) into a PDF,
 * honouring the page's own `@page` size and margins. Adapter: Chromium through playwright-core.
 */
export interface PdfRenderer {
  /** Whether a browser engine is there to render with (checked without starting it). */
  available(): boolean;
  /**
   * The PDF of `html`. Throws AppError `PDF_RENDERER_UNAVAILABLE` (kind unavailable, 503) when no
   * browser engine is installed or it cannot start.
   */
  render(html: string): Promise<Buffer>;
  /** Stops the browser if one was started. */
  close(): Promise<void>;
}
