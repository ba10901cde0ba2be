import { EN } from "../strings.ts";
import { ATTACHMENTS_CSS } from "./attachments-styles.ts";
import { REASONS_EN } from "./failure-reason.ts";

/**
 * The English texts of the attachments part (attach button, files on their way, files in messages,
 * why a file was refused): added to `EN` when its chunk loads, so widget.js does not carry them.
 * `{name}` is the file's name, `{size}` a size as formatSize writes it.
 */
export const ATTACHMENTS_EN = {
  attach: "Attach files",
  filesSending: "Files being sent",
  uploading: "Uploading {name}",
  uploadProgress: "{sent} of {size}",
  remove: "Remove",
  files: "Files",
  download: "Download {name}",
  // Refused before upload (uploads.ts checkFile), with the relay's limits.
  fileEmpty: "{name} is empty",
  fileTooLarge: "{name} is larger than {size}, the most we accept",
  fileType: "{name} is not a type we accept (images, PDF or plain text)",
  // Refused by the relay (uploads.ts, by the error's code).
  uploadTooLarge: "{name} is larger than the relay accepts",
  uploadQuota: "{name} cannot be added: this conversation holds as many files as allowed",
  uploadRateLimited: "{name} was refused: too many files this hour, try again later",
  uploadClosed: "{name} cannot be added: the conversation is closed",
  uploadFailed: "{name} was not sent: {reason}",
};

/** Adopt the part: its stylesheet, and its English into `EN` (widget-parts.ts calls it when the chunk loads). */
export function adoptAttachments(addCss: (css: string) => unknown): void {
  addCss(ATTACHMENTS_CSS);
  Object.assign(EN, ATTACHMENTS_EN, REASONS_EN);
}
