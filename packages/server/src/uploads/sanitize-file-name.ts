import { wellFormed } from "../relay/well-formed.ts";

/** Longest display name kept, in code points (the extension is kept when a name is cut). */
export const MAX_NAME_CHARS = 120;

// Controls (C0, DEL, C1) and format characters: bidi embeddings, overrides and isolates, which
// can make `invoice\u202Efdp.exe` read as `invoiceexe.pdf`; zero-width characters and the BOM,
// which hide text; plus line and paragraph separators.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const SEPARATORS = /[/\\]/g;

/**
 * Turn an uploader's file name into a display name: NFC-normalised, without control, bidi and
 * invisible characters, with `/` and `\` replaced by `_`, blanks collapsed, at most
 * `MAX_NAME_CHARS` code points (keeping a short extension), never empty, `.` or `..`. Only ever
 * shown and sent in `Content-Disposition`; the file on disk is named after the upload id.
 *
 * @example
 * sanitizeFileName("../../etc/passwd"); // ".._.._etc_passwd"
 * sanitizeFileName("invoice\u202Efdp.exe"); // "invoicefdp.exe"
 */
export function sanitizeFileName(raw: string, fallback = "file"): string {
  let name = wellFormed(raw)
    .normalize("NFC")
    .replace(UNSAFE, "")
    .replace(SEPARATORS, "_")
    .replace(/\s+/g, " ")
    .trim();
  if (name === "" || name === "." || name === "..") name = fallback;
  const chars = [...name];
  if (chars.length <= MAX_NAME_CHARS) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? [...name.slice(dot)] : [];
  if (extension.length > 1 && extension.length <= 10) {
    return (
      chars
        .slice(0, MAX_NAME_CHARS - extension.length)
        .join("")
        .trimEnd() + extension.join("")
    );
  }
  return chars.slice(0, MAX_NAME_CHARS).join("").trimEnd();
}
